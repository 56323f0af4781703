import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import type { Actor } from './roles';

const TOKEN_PREFIX = 'arch_';

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates a bearer token acting as `userId`. The token itself is returned once and never
 * stored; the database keeps its SHA-256 and a short prefix to recognise it in lists.
 */
export async function createApiToken(
  db: Database,
  input: { name: string; userId: string; createdById: string; expiresAt?: Date },
): Promise<{ id: string; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await db.apiToken.create({
    data: {
      name: input.name,
      userId: input.userId,
      createdById: input.createdById,
      expiresAt: input.expiresAt,
      tokenHash: digest(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    },
  });
  return { id: row.id, token };
}

export async function revokeApiToken(db: Database, id: string): Promise<boolean> {
  const result = await db.apiToken.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count === 1;
}

/** The actor behind a bearer token, or undefined if it is unknown, revoked or expired. */
export async function actorFromApiToken(db: Database, token: string): Promise<Actor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;

  const row = await db.apiToken.findUnique({
    where: { tokenHash: digest(token) },
    include: { user: { select: { id: true, role: true, siteId: true, active: true } } },
  });
  if (!row || row.revokedAt || !row.user.active) return undefined;
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;

  // Last use is kept to the minute: enough to spot a stale token, cheap on busy clients.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: row.user.id, role: row.user.role, siteId: row.user.siteId, tokenId: row.id };
}
