import { audit } from '../audit/audit';
import { canReadCase } from '../auth/authorization';
import type { Actor } from '../auth/roles';
import type { Database } from '../db/client';
import { CaseError } from './errors';

/**
 * Loads a case for an actor, or refuses: 404 when it does not exist, 403 when the actor may
 * not read it (audited as denied). Returns whether the actor takes part in it.
 */
export async function loadCaseFor(db: Database, actor: Actor, caseId: string) {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    include: { participants: { select: { userId: true, role: true } } },
  });
  if (!kase) throw new CaseError('not-found', `No case with id ${caseId}`);

  const participation = kase.participants.find((p) => p.userId === actor.userId);
  if (!canReadCase(actor, { siteId: kase.siteId, participant: Boolean(participation) })) {
    await audit(db, { actor, action: 'case.read', outcome: 'denied', objectType: 'case', caseId });
    throw new CaseError('forbidden', 'You do not take part in this case.');
  }
  return { kase, participation };
}

/** The user ids a change to this case concerns: its participants and pending invitees. */
export async function concernedUserIds(db: Database, caseId: string): Promise<string[]> {
  const [participants, invitations] = await Promise.all([
    db.caseParticipant.findMany({ where: { caseId }, select: { userId: true } }),
    db.invitation.findMany({
      where: { caseId, status: 'PENDING', inviteeId: { not: null } },
      select: { inviteeId: true },
    }),
  ]);
  const ids = [...participants.map((p) => p.userId), ...invitations.map((i) => i.inviteeId!)];
  return [...new Set(ids)];
}
