import { performance } from 'node:perf_hooks';
import type { Server, Socket } from 'socket.io';

import type { Actor } from '../../auth/roles';
import { audit } from '../../audit/audit';
import { CaseSession, type LeaveHow } from './case-session';
import { CursorThrottle } from './cursor-throttle';
import { SessionRefusal } from './errors';
import {
  MAX_CURSOR_UPDATES_PER_SECOND,
  SESSION_EVENT,
  SESSION_PROTOCOL_VERSION,
  sessionClientMessageSchema,
  type ClientMessageOf,
  type SessionClientMessageType,
  type SessionServerMessage,
} from './protocol';
import {
  DEFAULT_CURSOR_IDLE_MS,
  type SessionDeps,
  type SessionServer,
  type SessionSocket,
} from './types';

/** What this process knows of one connection: which session it joined and its rate state. */
interface Connection {
  socket: SessionSocket;
  actor: Actor;
  deps: SessionDeps;
  sessions: SessionRegistry;
  session: CaseSession | null;
  /** Messages wait for a join in flight, so a view sent right after join is not refused. */
  joining: Promise<void> | null;
  lastViewSeq: number;
  cursorThrottle: CursorThrottle;
  cursorShown: boolean;
  cursorIdleTimer: NodeJS.Timeout | null;
  lastRateLimitNotice: number;
}

type Handler<T extends SessionClientMessageType> = (
  connection: Connection,
  message: ClientMessageOf<T>,
) => Promise<void> | void;

// One entry per client message of the protocol: a missing handler fails to compile.
const handlers: { [T in SessionClientMessageType]: Handler<T> } = {
  join: join,
  leave: (connection) => leave(connection, 'leave'),
  view: changeView,
  mode: (connection, { mode }) =>
    inSession(connection, (session) => session.setMode(connection.actor.userId, mode)),
  takeLead: (connection) =>
    inSession(connection, (session) => session.takeLead(connection.actor.userId)),
  jumpToLeader: (connection) => joinedSession(connection).sendView(connection.socket),
  presence: presence,
  cursor: cursor,
  annotationCreate: (connection, message) =>
    inSession(connection, (session) => session.createAnnotation(connection.actor.userId, message)),
  annotationUpdate: (connection, message) =>
    inSession(connection, (session) => session.updateAnnotation(connection.actor.userId, message)),
  annotationDelete: (connection, message) =>
    inSession(connection, (session) => session.deleteAnnotation(connection.actor.userId, message)),
};

/** The case sessions this process runs, by case id. */
class SessionRegistry {
  readonly #sessions = new Map<string, CaseSession>();

  constructor(
    readonly io: SessionServer,
    readonly deps: SessionDeps,
  ) {}

  getOrCreate(caseId: string): CaseSession {
    let session = this.#sessions.get(caseId);
    if (!session) {
      session = new CaseSession(caseId, this.io, this.deps, (closed) => {
        if (this.#sessions.get(closed.caseId) === closed) this.#sessions.delete(closed.caseId);
      });
      this.#sessions.set(caseId, session);
    }
    return session;
  }

  close() {
    for (const session of [...this.#sessions.values()]) session.close();
  }
}

// socket.io servers typed with other events (io.ts's) are accepted; the session only ever
// touches its own event.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySocketServer = Server<any, any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySocket = Socket<any, any, any, any>;

const registries = new WeakMap<AnySocketServer, SessionRegistry>();

export interface SessionHandlersHandle {
  /** Stops reconnect timers; the socket.io server itself is closed by its owner. */
  close(): void;
}

/**
 * Serves the synchronized viewer session (protocol.ts) on every connection of `io`. Call once,
 * after the handshake middleware that sets `socket.data.actor`.
 *
 * @param io - the socket.io server of this process
 * @param deps - database, logger, state store and the participation check
 */
export function attachSessionHandlers(
  io: AnySocketServer,
  deps: SessionDeps,
): SessionHandlersHandle {
  io.on('connection', (socket: AnySocket) => registerSessionHandlers(io, socket, deps));
  return { close: () => registries.get(io)?.close() };
}

/**
 * Serves the session protocol on one connection: validates each message on arrival, refuses
 * what it cannot accept with a named reason, and never lets one message stall the others.
 *
 * @param io - the socket.io server the socket belongs to
 * @param anySocket - a connection whose `data.actor` the handshake has set
 * @param deps - the same deps for every socket of `io`
 */
export function registerSessionHandlers(
  io: AnySocketServer,
  anySocket: AnySocket,
  deps: SessionDeps,
) {
  const socket = anySocket as SessionSocket;
  let sessions = registries.get(io);
  if (!sessions) {
    sessions = new SessionRegistry(io as SessionServer, deps);
    registries.set(io, sessions);
  }

  // NOTE: a connection recovered by socket.io comes back in its old rooms. It must join again
  // like any other, so it gets a snapshot and its participation is checked again.
  if (socket.recovered) {
    for (const room of socket.rooms) if (room.startsWith('session:')) void socket.leave(room);
  }

  const connection: Connection = {
    socket,
    actor: socket.data.actor,
    deps,
    sessions,
    session: null,
    joining: null,
    lastViewSeq: -1,
    cursorThrottle: new CursorThrottle(MAX_CURSOR_UPDATES_PER_SECOND),
    cursorShown: false,
    cursorIdleTimer: null,
    lastRateLimitNotice: 0,
  };

  socket.on(SESSION_EVENT, (message: unknown) => void handleMessage(connection, message));
  socket.on('disconnect', (reason) => {
    // Leaving on purpose frees the seat at once; a dropped link keeps it for a reconnect.
    const how: LeaveHow = reason.endsWith('namespace disconnect') ? 'leave' : 'disconnect';
    void leave(connection, how).catch((error) =>
      deps.log.error({ err: error, socketId: socket.id }, 'session leave on disconnect failed'),
    );
  });
}

async function handleMessage(connection: Connection, raw: unknown) {
  const started = performance.now();
  const type = messageType(raw);
  const { deps, socket } = connection;

  try {
    if (connection.joining && type !== 'join') await connection.joining.catch(() => {});

    // Checked before the schema: a client of another version may send a join we cannot parse.
    if (type === 'join' && (raw as { protocolVersion?: unknown }).protocolVersion !== undefined) {
      const version = (raw as { protocolVersion: unknown }).protocolVersion;
      if (version !== SESSION_PROTOCOL_VERSION) throw new SessionRefusal('protocolMismatch');
    }

    const parsed = sessionClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      deps.log.info(
        { socketId: socket.id, type, issueCount: parsed.error.issues.length },
        '<== invalid session message',
      );
      return reject(connection, {
        reason: 'invalidMessage',
        refused: type,
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    }

    const message = parsed.data;
    const handler = handlers[message.type] as Handler<typeof message.type>;
    await handler(connection, message);
  } catch (error) {
    if (error instanceof SessionRefusal) {
      deps.log.info(
        { socketId: socket.id, type, reason: error.reason, id: error.id },
        '--> session message refused',
      );
      return reject(connection, {
        reason: error.reason,
        refused: type,
        annotationId: error.current?.id ?? annotationIdOf(raw),
        current: error.current,
        protocolVersion: error.reason === 'protocolMismatch' ? SESSION_PROTOCOL_VERSION : undefined,
      });
    }

    deps.log.error({ err: error, socketId: socket.id, type }, '--> session message failed');
    reject(connection, { reason: 'internalError', refused: type });
  } finally {
    deps.observe?.(type ?? 'unknown', performance.now() - started);
  }
}

async function join(connection: Connection, { caseId }: ClientMessageOf<'join'>) {
  const run = async () => {
    const { actor, deps, socket } = connection;

    // Rejoining the same case (after a reconnect, or twice) keeps the seat and resends the
    // snapshot; joining another case leaves the first.
    if (connection.session && connection.session.caseId !== caseId) {
      await leaveSession(connection, 'leave');
    }

    const kase = await deps.db.case.findUnique({ where: { id: caseId }, select: { id: true } });
    if (!kase) throw new SessionRefusal('caseNotFound', caseId);
    if (!(await deps.canJoin(actor, caseId))) {
      await audit(deps.db, {
        actor,
        action: 'session.join',
        outcome: 'denied',
        objectType: 'case',
        objectId: caseId,
        caseId,
      });
      throw new SessionRefusal('forbidden', caseId);
    }

    // Recorded before the snapshot goes out: no unrecorded look at the case's annotations.
    await audit(deps.db, {
      actor,
      action: 'session.join',
      objectType: 'case',
      objectId: caseId,
      caseId,
      details: { socketId: socket.id, recovered: socket.recovered },
    });

    const session = connection.sessions.getOrCreate(caseId);
    await session.serial(() => session.join(socket, actor));
    connection.session = session;
    connection.lastViewSeq = -1;
    deps.log.info({ caseId, userId: actor.userId, socketId: socket.id }, '<== session join');
  };

  const joining = run();
  connection.joining = joining;
  try {
    await joining;
  } finally {
    if (connection.joining === joining) connection.joining = null;
  }
}

async function leave(connection: Connection, how: LeaveHow) {
  if (connection.joining) await connection.joining.catch(() => {});
  await leaveSession(connection, how);
}

async function leaveSession(connection: Connection, how: LeaveHow) {
  const session = connection.session;
  if (!session) return;

  const { actor, deps, socket } = connection;
  connection.session = null;
  hideCursorTimer(connection);

  await session.serial(() => session.leave(socket, actor.userId, how));
  await audit(deps.db, {
    actor,
    action: 'session.leave',
    objectType: 'case',
    objectId: session.caseId,
    caseId: session.caseId,
    details: { socketId: socket.id, how },
  });
  deps.log.info({ caseId: session.caseId, userId: actor.userId, how }, '<== session leave');
}

async function changeView(connection: Connection, { seq, view }: ClientMessageOf<'view'>) {
  const session = joinedSession(connection);

  // An older view than one already accepted from this sender is stale: drop it quietly.
  if (seq <= connection.lastViewSeq) return;
  connection.lastViewSeq = seq;

  await session.changeView(connection.socket, connection.actor.userId, seq, view);
}

async function presence(connection: Connection, message: ClientMessageOf<'presence'>) {
  const session = joinedSession(connection);
  if (message.presence === 'idle') hideCursor(connection);
  await session.serial(() => session.setPresence(connection.actor.userId, message.presence));
}

function cursor(connection: Connection, { cursor }: ClientMessageOf<'cursor'>) {
  const session = joinedSession(connection);

  if (cursor === null) return hideCursor(connection);

  if (!connection.cursorThrottle.allow(performance.now())) {
    // Tell the sender once a second at most; the notice itself must not become a flood.
    const now = performance.now();
    if (now - connection.lastRateLimitNotice >= 1000) {
      connection.lastRateLimitNotice = now;
      reject(connection, { reason: 'rateLimited', refused: 'cursor' }, true);
    }
    return;
  }

  session.relayCursor(connection.socket, connection.actor.userId, cursor);
  connection.cursorShown = true;
  armCursorIdleTimer(connection);
}

function hideCursor(connection: Connection) {
  hideCursorTimer(connection);
  if (!connection.cursorShown || !connection.session) return;

  connection.cursorShown = false;
  connection.session.relayCursor(connection.socket, connection.actor.userId, null);
}

function armCursorIdleTimer(connection: Connection) {
  if (connection.cursorIdleTimer) {
    // refresh() re-arms without allocating: this runs up to 30 times a second per sender.
    connection.cursorIdleTimer.refresh();
    return;
  }
  const idleMs = connection.deps.cursorIdleMs ?? DEFAULT_CURSOR_IDLE_MS;
  connection.cursorIdleTimer = setTimeout(() => {
    connection.cursorIdleTimer = null;
    hideCursor(connection);
  }, idleMs);
  connection.cursorIdleTimer.unref();
}

function hideCursorTimer(connection: Connection) {
  if (!connection.cursorIdleTimer) return;
  clearTimeout(connection.cursorIdleTimer);
  connection.cursorIdleTimer = null;
}

function inSession(connection: Connection, task: (session: CaseSession) => Promise<void>) {
  const session = joinedSession(connection);
  return session.serial(() => task(session));
}

function joinedSession(connection: Connection): CaseSession {
  if (!connection.session) throw new SessionRefusal('notJoined');
  return connection.session;
}

function reject(
  connection: Connection,
  refusal: Omit<Extract<SessionServerMessage, { type: 'rejected' }>, 'type'>,
  volatile = false,
) {
  const message: SessionServerMessage = { type: 'rejected', ...refusal };
  if (volatile) connection.socket.volatile.emit(SESSION_EVENT, message);
  else connection.socket.emit(SESSION_EVENT, message);
}

function messageType(raw: unknown): string | undefined {
  const type = (raw as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.length <= 32 ? type : undefined;
}

function annotationIdOf(raw: unknown): string | undefined {
  const message = raw as { id?: unknown; annotation?: { id?: unknown } } | null;
  const id = message?.id ?? message?.annotation?.id;
  return typeof id === 'string' && id.length <= 64 ? id : undefined;
}
