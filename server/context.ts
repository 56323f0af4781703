import type { Config } from './config';
import type { Database } from './db/client';
import type { Logger } from './logger';
import type { AttemptLimiter } from './auth/rate-limit';
import type { CaseDeps } from './cases/index';
import type { MediaRooms } from './realtime/media-channel';

/**
 * The services one server process shares between its own HTTP and socket.io handlers and the
 * Next.js route handlers and pages it hosts. Next bundles its code separately, so a module-level
 * singleton would exist twice; a global slot makes both halves see the same instances.
 */
export interface ServerContext {
  config: Config;
  db: Database;
  log: Logger;
  loginLimiter: AttemptLimiter;
  /** The case workflow, ready once socket.io is attached (before the first request). */
  cases: CaseDeps;
  /** The SFU rooms of case sessions; undefined when no mediasoup worker could start. */
  media?: MediaRooms;
}

const slot = Symbol.for('archipel.server-context');
type GlobalWithContext = typeof globalThis & { [slot]?: ServerContext };

export function setServerContext(context: ServerContext | undefined): void {
  (globalThis as GlobalWithContext)[slot] = context;
}

export function getServerContext(): ServerContext {
  const context = (globalThis as GlobalWithContext)[slot];
  if (!context) {
    throw new Error('Server context missing: Archipel pages run inside server/main.ts only');
  }
  return context;
}
