import type { Actor } from './roles';
import { CLINICAL_ROLES } from './roles';

/**
 * Who may read what. Pure functions over facts the caller loads, so every route, socket event
 * and test applies the same rules:
 * - clinicians (emergency physicians, neurologists, radiologists) read the studies and cases of
 *   their own site;
 * - any user reads the studies and cases of a case they take part in (an accepted invitation
 *   is the only way a clinician of another site gains access);
 * - coordinators read every open case summary across sites, to triage, but not its images
 *   unless they take part in the case;
 * - administrators manage sites, users and tokens and read no patient data.
 */
export interface ResourceFacts {
  /** The site the study or case belongs to. */
  siteId: string;
  /** Whether the actor takes part in a case holding this resource. */
  participant: boolean;
}

export function canReadStudy(actor: Actor, study: ResourceFacts): boolean {
  if (study.participant) return true;
  return CLINICAL_ROLES.includes(actor.role) && actor.siteId === study.siteId;
}

export function canReadCase(actor: Actor, kase: ResourceFacts): boolean {
  if (kase.participant || actor.role === 'COORDINATOR') return true;
  return CLINICAL_ROLES.includes(actor.role) && actor.siteId === kase.siteId;
}

/** Storing images into a site's archive: its clinicians, and API clients acting for it. */
export function canStoreStudy(actor: Actor, siteId: string): boolean {
  return CLINICAL_ROLES.includes(actor.role) && actor.siteId === siteId;
}

export function canAdminister(actor: Actor): boolean {
  return actor.role === 'ADMIN';
}
