import { audit } from '../audit/audit';
import type { Actor } from '../auth/roles';
import { concernedUserIds, loadCaseFor } from './access';
import type { CaseDeps } from './deps';
import { CaseError } from './errors';
import { caseEvent } from './events';
import { inviteSchema, respondSchema } from './schemas';

const OPEN_FOR_INVITATION = ['NEW', 'AWAITING_SPECIALIST', 'IN_CONSULTATION'];

/**
 * Invites a named neurologist, or the neurologist on call for a region, to a case. Requesters
 * of the case and coordinators may invite. The invitation expires after the configured time,
 * when the case goes to the coordinators' attention (see expireInvitations).
 */
export async function invite(deps: CaseDeps, actor: Actor, caseId: string, body: unknown) {
  const parsed = inviteSchema.safeParse(body);
  if (!parsed.success) {
    throw new CaseError('invalid', 'Name a neurologist or a region.', parsed.error.issues);
  }
  const { db } = deps;
  const { kase, participation } = await loadCaseFor(db, actor, caseId);
  if (participation?.role !== 'REQUESTER' && actor.role !== 'COORDINATOR') {
    throw new CaseError('forbidden', 'Only the requesting team or a coordinator invites.');
  }
  if (!OPEN_FOR_INVITATION.includes(kase.status)) {
    throw new CaseError(
      'conflict',
      `The case is ${kase.status.toLowerCase()}; it takes no invitation.`,
    );
  }

  const { invitee, regionId } = await resolveInvitee(deps, parsed.data);
  if (kase.participants.some((p) => p.userId === invitee.id)) {
    throw new CaseError('conflict', `${invitee.name} already takes part in this case.`);
  }
  const pending = await db.invitation.findFirst({
    where: { caseId, inviteeId: invitee.id, status: 'PENDING', expiresAt: { gt: new Date() } },
  });
  if (pending) throw new CaseError('conflict', `${invitee.name} has already been invited.`);

  const expiresAt = new Date(Date.now() + deps.settings.invitationTimeoutMs);
  const invitation = await db.$transaction(async (tx) => {
    const created = await tx.invitation.create({
      data: { caseId, invitedById: actor.userId, inviteeId: invitee.id, regionId, expiresAt },
    });
    if (kase.status === 'NEW') {
      await tx.case.update({ where: { id: caseId }, data: { status: 'AWAITING_SPECIALIST' } });
    }
    await tx.caseEvent.create({
      data: caseEvent(caseId, actor.userId, 'invitation.sent', {
        invitationId: created.id,
        inviteeId: invitee.id,
        inviteeName: invitee.name,
        onCall: Boolean(regionId),
      }),
    });
    return created;
  });

  await audit(db, {
    actor,
    action: 'invitation.create',
    objectType: 'invitation',
    objectId: invitation.id,
    caseId,
  });
  const [site, sender] = await Promise.all([
    db.site.findUniqueOrThrow({ where: { id: kase.siteId }, select: { name: true } }),
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } }),
  ]);
  deps.notifier.invited(invitee.id, {
    invitationId: invitation.id,
    caseId,
    reference: kase.reference,
    priority: kase.priority,
    siteName: site.name,
    clinicalQuestion: kase.clinicalQuestion,
    nihssOnArrival: kase.nihssOnArrival,
    invitedBy: sender.name,
    expiresAt: expiresAt.toISOString(),
  });
  deps.notifier.caseChanged({
    caseId,
    siteId: kase.siteId,
    userIds: await concernedUserIds(db, caseId),
  });
  return invitation;
}

async function resolveInvitee(
  { db }: CaseDeps,
  target: { inviteeId: string } | { regionCode: string },
) {
  if ('inviteeId' in target) {
    const invitee = await db.user.findUnique({ where: { id: target.inviteeId } });
    if (!invitee || !invitee.active) {
      throw new CaseError('invalid', `No active user ${target.inviteeId}.`);
    }
    if (invitee.role !== 'NEUROLOGIST') {
      throw new CaseError('invalid', `${invitee.name} is not a neurologist.`);
    }
    return { invitee, regionId: null };
  }

  const region = await db.region.findUnique({ where: { code: target.regionCode } });
  if (!region) throw new CaseError('invalid', `No region ${target.regionCode}.`);
  const now = new Date();
  const shift = await db.onCallShift.findFirst({
    where: {
      regionId: region.id,
      startsAt: { lte: now },
      endsAt: { gt: now },
      user: { active: true },
    },
    orderBy: { startsAt: 'desc' },
    include: { user: true },
  });
  if (!shift) {
    throw new CaseError('no-one-on-call', `No neurologist is on call for ${region.name} now.`);
  }
  return { invitee: shift.user, regionId: region.id };
}

/**
 * The invitee accepts or declines. Accepting makes them a participant (the only way a
 * clinician of another site reaches the case's patient data) and starts the consultation;
 * declining, with a reason, sends the case to the coordinators' attention.
 */
export async function respond(deps: CaseDeps, actor: Actor, invitationId: string, body: unknown) {
  const parsed = respondSchema.safeParse(body);
  if (!parsed.success) {
    throw new CaseError('invalid', 'Accept, or decline with a reason.', parsed.error.issues);
  }
  const { db } = deps;
  const invitation = await db.invitation.findUnique({
    where: { id: invitationId },
    include: { case: true },
  });
  if (!invitation || invitation.inviteeId !== actor.userId) {
    throw new CaseError('not-found', `No invitation ${invitationId} for you.`);
  }

  const now = new Date();
  const answer = parsed.data;
  const updated = await db.$transaction(async (tx) => {
    // Only a pending, unexpired invitation can be answered, once: the update is conditional.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitationId, status: 'PENDING', expiresAt: { gt: now } },
      data: {
        status: answer.response === 'accept' ? 'ACCEPTED' : 'DECLINED',
        reason: answer.response === 'decline' ? answer.reason : null,
        respondedAt: now,
      },
    });
    if (claimed.count === 0) return false;

    const caseId = invitation.caseId;
    if (answer.response === 'accept') {
      await tx.caseParticipant.upsert({
        where: { caseId_userId: { caseId, userId: actor.userId } },
        update: {},
        create: { caseId, userId: actor.userId, role: 'SPECIALIST' },
      });
      await tx.case.update({
        where: { id: caseId },
        data: {
          specialistAt: invitation.case.specialistAt ?? now,
          status: ['NEW', 'AWAITING_SPECIALIST'].includes(invitation.case.status)
            ? 'IN_CONSULTATION'
            : undefined,
        },
      });
    }
    await tx.caseEvent.create({
      data: caseEvent(
        caseId,
        actor.userId,
        answer.response === 'accept' ? 'invitation.accepted' : 'invitation.declined',
        { invitationId, reason: answer.response === 'decline' ? answer.reason : null },
      ),
    });
    return true;
  });
  if (!updated) {
    throw new CaseError(
      'invitation-closed',
      'This invitation was already answered or has expired.',
    );
  }

  await audit(db, {
    actor,
    action: `invitation.${answer.response}`,
    objectType: 'invitation',
    objectId: invitationId,
    caseId: invitation.caseId,
  });
  const caseId = invitation.caseId;
  deps.notifier.caseChanged({
    caseId,
    siteId: invitation.case.siteId,
    userIds: [...(await concernedUserIds(db, caseId)), invitation.invitedById],
  });
  return db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
}

/**
 * Marks every pending invitation past its time as expired and tells the queue: the case then
 * waits for a coordinator. Returns how many expired. Run periodically by the server.
 */
export async function expireInvitations(deps: CaseDeps, now = new Date()): Promise<number> {
  const { db } = deps;
  const due = await db.invitation.findMany({
    where: { status: 'PENDING', expiresAt: { lte: now } },
    include: { case: { select: { id: true, siteId: true } } },
  });

  for (const invitation of due) {
    const claimed = await db.invitation.updateMany({
      where: { id: invitation.id, status: 'PENDING' },
      data: { status: 'EXPIRED' },
    });
    if (claimed.count === 0) continue;
    await db.caseEvent.create({
      data: caseEvent(invitation.caseId, null, 'invitation.expired', {
        invitationId: invitation.id,
        inviteeId: invitation.inviteeId,
      }),
    });
    deps.log.info({ caseId: invitation.caseId, invitationId: invitation.id }, 'invitation expired');
    deps.notifier.caseChanged({
      caseId: invitation.caseId,
      siteId: invitation.case.siteId,
      userIds: [invitation.invitedById, ...(invitation.inviteeId ? [invitation.inviteeId] : [])],
    });
  }
  return due.length;
}

/** A coordinator withdraws the pending invitations of a case, before asking someone else. */
export async function cancelPendingInvitations(deps: CaseDeps, actor: Actor, caseId: string) {
  if (actor.role !== 'COORDINATOR') {
    throw new CaseError('forbidden', 'Only coordinators reassign a case.');
  }
  const { db } = deps;
  const { kase } = await loadCaseFor(db, actor, caseId);
  const pending = await db.invitation.findMany({ where: { caseId, status: 'PENDING' } });
  await db.invitation.updateMany({
    where: { caseId, status: 'PENDING' },
    data: { status: 'CANCELLED', respondedAt: new Date() },
  });
  if (pending.length > 0) {
    await db.caseEvent.createMany({
      data: pending.map((p) =>
        caseEvent(caseId, actor.userId, 'invitation.cancelled', { invitationId: p.id }),
      ),
    });
  }
  deps.notifier.caseChanged({
    caseId,
    siteId: kase.siteId,
    userIds: pending.flatMap((p) => (p.inviteeId ? [p.inviteeId] : [])),
  });
  return pending.length;
}

/** The caller's invitations still waiting for an answer, newest first. */
export async function listMyInvitations({ db }: CaseDeps, actor: Actor) {
  const invitations = await db.invitation.findMany({
    where: { inviteeId: actor.userId, status: 'PENDING', expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    include: {
      case: { include: { site: { select: { name: true } } } },
      invitedBy: { select: { name: true } },
    },
  });
  return invitations.map((i) => ({
    invitationId: i.id,
    caseId: i.caseId,
    reference: i.case.reference,
    priority: i.case.priority,
    siteName: i.case.site.name,
    clinicalQuestion: i.case.clinicalQuestion,
    nihssOnArrival: i.case.nihssOnArrival,
    invitedBy: i.invitedBy.name,
    expiresAt: i.expiresAt.toISOString(),
  }));
}
