import type { Prisma } from '../db/generated/client';

/** Timeline entry types, as stored in CaseEvent.type and shown on the case page. */
export type CaseEventType =
  | 'case.opened'
  | 'case.status'
  | 'case.escalated'
  | 'study.attached'
  | 'ct.available'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'invitation.declined'
  | 'invitation.expired'
  | 'invitation.cancelled'
  | 'clinical.decision'
  | 'clinical.needle'
  | 'session.joined';

export function caseEvent(
  caseId: string,
  actorId: string | null,
  type: CaseEventType,
  data?: Prisma.InputJsonValue,
): Prisma.CaseEventCreateManyInput {
  return { caseId, actorId, type, data };
}
