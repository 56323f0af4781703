import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ServerContext } from '../context';
import { actorFromHeaders } from '../auth/request-actor';
import type { Actor } from '../auth/roles';
import { registerCaseHandlers } from './case-channel';
import { registerMediaHandlers } from './media-channel';
import { attachSessionHandlers, InMemorySessionStateStore } from './session/index';
import { connectRedis } from './redis';
import { recordSessionJoined } from '../cases/index';

export interface SocketData {
  actor: Actor;
}

/**
 * socket.io on the same port as the pages. A handshake without a valid session cookie (or
 * bearer token) is refused before any event handler runs.
 */
export function attachSocketServer(httpServer: HttpServer, context: ServerContext, secret: string) {
  const io = new Server<
    Record<string, never>,
    Record<string, never>,
    Record<string, never>,
    SocketData
  >(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });

  io.use(async (socket, next) => {
    try {
      const actor = await actorFromHeaders(context.db, socket.handshake.headers, secret);
      if (!actor)
        return next(Object.assign(new Error('unauthorized'), { data: { reason: 'unauthorized' } }));
      socket.data.actor = actor;
      next();
    } catch (error) {
      context.log.error({ err: error }, 'socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    const { userId, role } = socket.data.actor;
    context.log.debug({ socketId: socket.id, userId, role }, 'socket connected');
    // Each user has a room so that notifications reach every tab and device they have open.
    void socket.join(`user:${userId}`);
    registerCaseHandlers(socket, socket.data.actor, () => context.cases, context.log);
    registerMediaHandlers(socket, socket.data.actor, {
      db: context.db,
      rooms: () => context.media,
      log: context.log,
    });
  });

  // Several processes share rooms and session state through Redis; one process keeps them.
  const { REDIS_URL, REDIS_PREFIX } = context.config;
  const redis = REDIS_URL ? connectRedis(io, REDIS_URL, REDIS_PREFIX, context.log) : undefined;

  // The synchronized viewer: only participants of a case join its session.
  // Limitation: a session's ordering queue and reconnect timers are per process even with
  // Redis; two people in one case on two processes are served, but edits race on the
  // database's version check rather than on one queue.
  const sessions = attachSessionHandlers(io, {
    db: context.db,
    log: context.log.child({ module: 'session' }),
    store: redis?.store ?? new InMemorySessionStateStore(),
    canJoin: async (actor, caseId) => {
      const participant = await context.db.caseParticipant.findUnique({
        where: { caseId_userId: { caseId, userId: actor.userId } },
      });
      if (participant) {
        await recordSessionJoined(context.cases, caseId, actor.userId).catch((error) =>
          context.log.warn({ err: error, caseId }, 'session join not put on the timeline'),
        );
      }
      return Boolean(participant);
    },
  });

  return {
    io,
    sessions,
    close: async () => {
      await sessions.close();
      await io.close();
      await redis?.close();
    },
  };
}
