import { concernedUserIds } from './access';
import type { CaseDeps } from './deps';
import { caseEvent } from './events';

/**
 * Puts a participant's first entry into the case's imaging session on its timeline, so the
 * team and the coordinators see when the specialist actually looked at the images.
 */
export async function recordSessionJoined(deps: CaseDeps, caseId: string, userId: string) {
  const { db } = deps;
  const already = await db.caseEvent.findFirst({
    where: { caseId, actorId: userId, type: 'session.joined' },
    select: { id: true },
  });
  if (already) return;

  const kase = await db.case.findUnique({ where: { id: caseId }, select: { siteId: true } });
  if (!kase) return;
  await db.caseEvent.create({ data: caseEvent(caseId, userId, 'session.joined') });
  deps.notifier.caseChanged({
    caseId,
    siteId: kase.siteId,
    userIds: await concernedUserIds(db, caseId),
  });
}
