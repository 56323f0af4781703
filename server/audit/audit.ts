import type { Database } from '../db/client';
import type { Actor } from '../auth/roles';

export interface AuditEntry {
  actor?: Actor;
  /** What happened, as `object.verb`: `study.read`, `auth.sign-in`, `case.create`. */
  action: string;
  outcome?: 'success' | 'denied' | 'failure';
  objectType?: string;
  objectId?: string;
  caseId?: string;
  studyInstanceUid?: string;
  ip?: string;
  /** Keys and counts only: never a patient's name, identifier or birth date. */
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Writes one line of the audit trail. Callers await it before answering, so a read of
 * patient data that could not be recorded is not served.
 */
export async function audit(db: Database, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actor?.userId,
      actorRole: entry.actor?.role,
      actorSiteId: entry.actor?.siteId,
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      objectType: entry.objectType,
      objectId: entry.objectId,
      caseId: entry.caseId,
      studyInstanceUid: entry.studyInstanceUid,
      ip: entry.ip,
      details: entry.details,
    },
  });
}
