import type { Role } from '@/server/db/generated/enums';

/**
 * Which case actions the page offers, mirroring the server's rules (server/cases/lifecycle.ts
 * TRANSITIONS, invitations.ts, open-case.ts). The server decides; this only hides buttons
 * that would be refused.
 */
export interface CaseViewer {
  role: Role;
  /** REQUESTER, SPECIALIST, OBSERVER, or null when the viewer does not take part. */
  caseRole: string | null;
}

const OPEN = ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION', 'REPORTED'];

export const OPENING_ROLES: Role[] = ['EMERGENCY_PHYSICIAN', 'RADIOLOGIST'];

export function mayInvite(viewer: CaseViewer, status: string): boolean {
  const allowed = viewer.caseRole === 'REQUESTER' || viewer.role === 'COORDINATOR';
  return allowed && ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION'].includes(status);
}

export function mayReport(viewer: CaseViewer, status: string): boolean {
  return viewer.caseRole === 'SPECIALIST' && status === 'IN_CONSULTATION';
}

export function mayClose(viewer: CaseViewer, status: string): boolean {
  const allowed =
    viewer.caseRole === 'REQUESTER' ||
    viewer.caseRole === 'SPECIALIST' ||
    viewer.role === 'COORDINATOR';
  return allowed && ['IN_CONSULTATION', 'REPORTED'].includes(status);
}

export function mayCancel(viewer: CaseViewer, status: string): boolean {
  const allowed = viewer.caseRole === 'REQUESTER' || viewer.role === 'COORDINATOR';
  return allowed && ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION'].includes(status);
}

export function mayRecordTimes(viewer: CaseViewer, status: string): boolean {
  return viewer.caseRole !== null && OPEN.includes(status);
}

export function mayEscalate(viewer: CaseViewer, status: string): boolean {
  return viewer.role === 'COORDINATOR' && OPEN.includes(status);
}

export function isOpenStatus(status: string): boolean {
  return OPEN.includes(status);
}
