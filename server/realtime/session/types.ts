import type { Server, Socket } from 'socket.io';

import type { Actor } from '../../auth/roles';
import type { Database } from '../../db/client';
import type { Logger } from '../../logger';
import type { SessionClientEvents, SessionServerEvents } from './protocol';
import type { SessionStateStore } from './store';

/** What the session needs on every socket: io.ts's handshake sets the actor. */
export interface SessionSocketData {
  actor: Actor;
}

export type SessionServer = Server<
  SessionClientEvents,
  SessionServerEvents,
  Record<string, never>,
  SessionSocketData
>;
export type SessionSocket = Socket<
  SessionClientEvents,
  SessionServerEvents,
  Record<string, never>,
  SessionSocketData
>;

export interface SessionDeps {
  db: Database;
  log: Logger;
  store: SessionStateStore;
  /** True when this actor may take part in this case's session (its participants only). */
  canJoin(actor: Actor, caseId: string): Promise<boolean>;
  /**
   * How long a participant whose connection dropped keeps their seat and the lead, waiting for
   * a reconnect. 15 s by default.
   */
  reconnectGraceMs?: number;
  /** A cursor that has not moved for this long is hidden from the others. 5 s by default. */
  cursorIdleMs?: number;
  /** Receives the time spent handling each client message, for metrics and the benchmark. */
  observe?(type: string, durationMs: number): void;
}

export const DEFAULT_RECONNECT_GRACE_MS = 15_000;
export const DEFAULT_CURSOR_IDLE_MS = 5_000;

/** socket.io's room of one case session. */
export const sessionRoom = (caseId: string) => `session:${caseId}`;
