import { decode } from '@auth/core/jwt';
import type { Database } from '../db/client';
import type { Actor } from './roles';

// Auth.js names its cookie after the scheme: the __Secure- prefix only exists over HTTPS.
export const SESSION_COOKIES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    try {
      cookies.set(name, decodeURIComponent(part.slice(separator + 1).trim()));
    } catch {
      // A cookie that is not valid percent-encoding is not ours; skip it.
    }
  }
  return cookies;
}

/**
 * The actor behind an Auth.js session cookie, for requests Next does not handle (socket.io
 * handshakes, DICOMweb). The user is read again so that a deactivated account or a changed
 * role takes effect at once rather than when the cookie expires.
 */
export async function actorFromSessionCookie(
  db: Database,
  cookieHeader: string | undefined,
  secret: string,
): Promise<Actor | undefined> {
  const cookies = parseCookies(cookieHeader);

  for (const name of SESSION_COOKIES) {
    const token = cookies.get(name);
    if (!token) continue;

    const claims = await decode({ token, secret, salt: name }).catch(() => null);
    const userId = typeof claims?.uid === 'string' ? claims.uid : undefined;
    if (!userId) return undefined;

    const user = await db.user.findUnique({
      where: { id: userId },
      select: { id: true, role: true, siteId: true, active: true },
    });
    if (!user?.active) return undefined;
    return { userId: user.id, role: user.role, siteId: user.siteId };
  }
  return undefined;
}
