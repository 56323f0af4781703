import { z } from 'zod';
import type { Database } from '../db/client';
import { audit } from '../audit/audit';
import type { AttemptLimiter } from './rate-limit';
import { decoyHash, verifyPassword } from './passwords';
import type { Actor } from './roles';

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254)),
  password: z.string().min(1).max(1024),
});

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } & Actor }
  | { ok: false; reason: 'invalid-credentials' | 'rate-limited' };

/**
 * Checks an e-mail and password. Every failure looks the same to the caller's user (a generic
 * message), so the answer never tells whether an account exists; failures are counted per
 * account and per address and both are locked out past their limit.
 */
export async function signInWithPassword(
  deps: { db: Database; limiter: AttemptLimiter },
  input: unknown,
  ip: string,
): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid-credentials' };

  const { email, password } = parsed.data;
  const accountKey = `account:${email}`;
  const ipKey = `ip:${ip}`;
  if ((await deps.limiter.isBlocked(accountKey)) || (await deps.limiter.isBlocked(ipKey))) {
    await audit(deps.db, {
      action: 'auth.sign-in',
      outcome: 'denied',
      ip,
      details: { reason: 'rate-limited' },
    });
    return { ok: false, reason: 'rate-limited' };
  }

  const user = await deps.db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
  if (!user || !user.active || !valid) {
    await deps.limiter.recordFailure(accountKey);
    await deps.limiter.recordFailure(ipKey);
    await audit(deps.db, {
      action: 'auth.sign-in',
      outcome: 'failure',
      objectType: 'user',
      objectId: user?.id,
      ip,
    });
    return { ok: false, reason: 'invalid-credentials' };
  }

  await deps.limiter.reset(accountKey);
  const actor: Actor = { userId: user.id, role: user.role, siteId: user.siteId };
  await audit(deps.db, {
    actor,
    action: 'auth.sign-in',
    objectType: 'user',
    objectId: user.id,
    ip,
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, ...actor } };
}
