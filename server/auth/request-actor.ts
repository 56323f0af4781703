import type { IncomingHttpHeaders } from 'node:http';
import type { Database } from '../db/client';
import { actorFromApiToken } from './api-tokens';
import { actorFromSessionCookie } from './session-cookie';
import type { Actor } from './roles';

/** The actor of a request: a bearer token first (API clients), else the session cookie. */
export async function actorFromHeaders(
  db: Database,
  headers: IncomingHttpHeaders,
  secret: string,
): Promise<Actor | undefined> {
  const authorization = headers.authorization;
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    return actorFromApiToken(db, authorization.slice(7).trim());
  }
  return actorFromSessionCookie(db, headers.cookie, secret);
}
