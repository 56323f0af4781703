import { audit } from '../audit/audit';
import type { Actor } from '../auth/roles';
import type { CaseStatus } from '../db/generated/enums';
import { concernedUserIds, loadCaseFor } from './access';
import type { CaseDeps } from './deps';
import { CaseError } from './errors';
import { caseEvent } from './events';
import { clinicalTimesSchema, transitionSchema } from './schemas';

type Who = 'requester' | 'specialist' | 'coordinator';

/**
 * The case lifecycle: new → awaiting specialist → in consultation → reported → closed, or
 * cancelled while still open. Invitations drive the first two steps; this table governs the
 * transitions people ask for, and who may ask.
 */
const TRANSITIONS: Record<string, { from: CaseStatus[]; who: Who[] }> = {
  IN_CONSULTATION: { from: ['AWAITING_SPECIALIST'], who: ['specialist'] },
  REPORTED: { from: ['IN_CONSULTATION'], who: ['specialist'] },
  CLOSED: {
    from: ['IN_CONSULTATION', 'REPORTED'],
    who: ['requester', 'specialist', 'coordinator'],
  },
  CANCELLED: {
    from: ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION'],
    who: ['requester', 'coordinator'],
  },
};

function whoIs(actor: Actor, participation: { role: string } | undefined): Who[] {
  const who: Who[] = [];
  if (participation?.role === 'REQUESTER') who.push('requester');
  if (participation?.role === 'SPECIALIST') who.push('specialist');
  if (actor.role === 'COORDINATOR') who.push('coordinator');
  return who;
}

export async function transition(deps: CaseDeps, actor: Actor, caseId: string, body: unknown) {
  const parsed = transitionSchema.safeParse(body);
  if (!parsed.success) throw new CaseError('invalid', 'Unknown status.', parsed.error.issues);
  const { to, reason } = parsed.data;
  const { db } = deps;
  const { kase, participation } = await loadCaseFor(db, actor, caseId);

  const rule = TRANSITIONS[to];
  if (!whoIs(actor, participation).some((who) => rule.who.includes(who))) {
    throw new CaseError('forbidden', `You may not move this case to ${to.toLowerCase()}.`);
  }
  const now = new Date();
  const moved = await db.case.updateMany({
    where: { id: caseId, status: { in: rule.from } },
    data: {
      status: to,
      closedAt: to === 'CLOSED' || to === 'CANCELLED' ? now : undefined,
      decisionAt: to === 'REPORTED' ? (kase.decisionAt ?? now) : undefined,
    },
  });
  if (moved.count === 0) {
    throw new CaseError(
      'conflict',
      `A ${kase.status.toLowerCase()} case cannot become ${to.toLowerCase()}.`,
    );
  }

  await db.caseEvent.create({
    data: caseEvent(caseId, actor.userId, 'case.status', { from: kase.status, to, reason }),
  });
  await audit(db, {
    actor,
    action: 'case.transition',
    objectType: 'case',
    caseId,
    details: { to },
  });
  if (to === 'CLOSED' || to === 'CANCELLED') deps.notifier.caseEnded(caseId);
  deps.notifier.caseChanged({
    caseId,
    siteId: kase.siteId,
    userIds: await concernedUserIds(db, caseId),
  });
  return db.case.findUniqueOrThrow({ where: { id: caseId } });
}

/** Records the treatment decision and needle (thrombolysis bolus) times; participants only. */
export async function recordClinicalTimes(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  body: unknown,
) {
  const parsed = clinicalTimesSchema.safeParse(body);
  if (!parsed.success)
    throw new CaseError('invalid', 'Give a decision or needle time.', parsed.error.issues);
  const { db } = deps;
  const { kase, participation } = await loadCaseFor(db, actor, caseId);
  if (!participation)
    throw new CaseError('forbidden', 'Only the case team records treatment times.');
  const { decisionAt, needleAt } = parsed.data;
  if ((decisionAt && decisionAt < kase.doorTime) || (needleAt && needleAt < kase.doorTime)) {
    throw new CaseError('invalid', 'Treatment times cannot precede the door time.');
  }

  await db.case.update({ where: { id: caseId }, data: { decisionAt, needleAt } });
  await db.caseEvent.createMany({
    data: [
      ...(decisionAt
        ? [caseEvent(caseId, actor.userId, 'clinical.decision', { at: decisionAt.toISOString() })]
        : []),
      ...(needleAt
        ? [caseEvent(caseId, actor.userId, 'clinical.needle', { at: needleAt.toISOString() })]
        : []),
    ],
  });
  deps.notifier.caseChanged({
    caseId,
    siteId: kase.siteId,
    userIds: await concernedUserIds(db, caseId),
  });
}

/** A coordinator raises a case to the top of everyone's attention. */
export async function escalate(deps: CaseDeps, actor: Actor, caseId: string) {
  if (actor.role !== 'COORDINATOR') throw new CaseError('forbidden', 'Only coordinators escalate.');
  const { db } = deps;
  const { kase } = await loadCaseFor(db, actor, caseId);
  await db.case.update({ where: { id: caseId }, data: { escalatedAt: new Date() } });
  await db.caseEvent.create({ data: caseEvent(caseId, actor.userId, 'case.escalated') });
  deps.notifier.caseChanged({
    caseId,
    siteId: kase.siteId,
    userIds: await concernedUserIds(db, caseId),
  });
}
