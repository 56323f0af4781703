import type { Server, Socket } from 'socket.io';
import type { Logger } from '../logger';
import type { Actor } from '../auth/roles';
import { CLINICAL_ROLES } from '../auth/roles';
import {
  CaseError,
  listQueue,
  loadCaseFor,
  queueRow,
  type CaseDeps,
  type CaseNotifier,
} from '../cases/index';
import { CASE_EVENTS, caseRefSchema, queueSubscribeSchema, type Ack } from './case-protocol';

const rooms = {
  user: (userId: string) => `user:${userId}`,
  queueAll: 'queue:all',
  queueSite: (siteId: string) => `queue:site:${siteId}`,
  case: (caseId: string) => `case:${caseId}`,
};

/** The case notifier over socket.io: pushes case ids to whoever may be showing them. */
export function socketCaseNotifier(io: Server, onEnded: (caseId: string) => void): CaseNotifier {
  return {
    caseEnded: onEnded,
    caseChanged({ caseId, siteId, userIds }) {
      const targets = [rooms.queueAll, rooms.queueSite(siteId), rooms.case(caseId)];
      io.to([...targets, ...userIds.map(rooms.user)]).emit(CASE_EVENTS.caseChanged, { caseId });
    },
    invited(inviteeId, invitation) {
      io.to(rooms.user(inviteeId)).emit(CASE_EVENTS.invitationNew, invitation);
    },
    messagePosted(caseId, message) {
      io.to(rooms.case(caseId)).emit(CASE_EVENTS.caseMessage, message);
    },
  };
}

/** The case and queue events of one connected socket. */
export function registerCaseHandlers(
  socket: Socket,
  actor: Actor,
  deps: () => CaseDeps,
  log: Logger,
) {
  const answer = async <T>(ack: unknown, work: () => Promise<T>) => {
    if (typeof ack !== 'function') return;
    try {
      (ack as Ack<T>)({ ok: true, data: await work() });
    } catch (error) {
      if (error instanceof CaseError) {
        (ack as Ack<T>)({ ok: false, error: error.code, message: error.message });
        return;
      }
      log.error({ err: error, socketId: socket.id }, 'case event failed');
      (ack as Ack<T>)({ ok: false, error: 'internal', message: 'The server failed to answer.' });
    }
  };

  socket.on(CASE_EVENTS.queueSubscribe, (filter: unknown, ack: unknown) =>
    answer(ack, async () => {
      const parsed = queueSubscribeSchema.safeParse(filter ?? {});
      if (!parsed.success) throw new CaseError('invalid', 'Unknown queue filter.');
      if (actor.role === 'COORDINATOR') await socket.join(rooms.queueAll);
      else if (CLINICAL_ROLES.includes(actor.role))
        await socket.join(rooms.queueSite(actor.siteId));
      return listQueue(deps(), actor, parsed.data);
    }),
  );

  socket.on(CASE_EVENTS.queueRow, (ref: unknown, ack: unknown) =>
    answer(ack, async () => {
      const parsed = caseRefSchema.safeParse(ref);
      if (!parsed.success) throw new CaseError('invalid', 'Give a caseId.');
      return (await queueRow(deps(), actor, parsed.data.caseId)) ?? null;
    }),
  );

  socket.on(CASE_EVENTS.caseSubscribe, (ref: unknown, ack: unknown) =>
    answer(ack, async () => {
      const parsed = caseRefSchema.safeParse(ref);
      if (!parsed.success) throw new CaseError('invalid', 'Give a caseId.');
      await loadCaseFor(deps().db, actor, parsed.data.caseId);
      await socket.join(rooms.case(parsed.data.caseId));
      return { caseId: parsed.data.caseId };
    }),
  );
}
