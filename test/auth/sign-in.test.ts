import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../server/db/client';
import { seedDemo } from '../../server/db/seed';
import { createMemoryLimiter } from '../../server/auth/rate-limit';
import { signInWithPassword } from '../../server/auth/sign-in';
import { createApiToken, actorFromApiToken, revokeApiToken } from '../../server/auth/api-tokens';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('sign-in and API tokens on a real database', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDatabase(database.url);
    await seedDemo(db);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const limiter = () => createMemoryLimiter({ maxFailures: () => 3, windowMs: 60_000 });

  it('accepts the demo password and records the sign-in', async () => {
    const result = await signInWithPassword(
      { db, limiter: limiter() },
      { email: ' Urgence@CHU-Martinique.demo ', password: 'archipel-demo' },
      '127.0.0.1',
    );
    expect(result.ok && result.user.role).toBe('EMERGENCY_PHYSICIAN');

    const last = await db.auditEvent.findFirst({ orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ action: 'auth.sign-in', outcome: 'success', ip: '127.0.0.1' });
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const deps = { db, limiter: limiter() };
    const wrong = await signInWithPassword(
      deps,
      { email: 'neuro@chu-guadeloupe.demo', password: 'nope' },
      'a',
    );
    const unknown = await signInWithPassword(
      deps,
      { email: 'nobody@nowhere.demo', password: 'nope' },
      'b',
    );
    const malformed = await signInWithPassword(deps, { email: 'not an address' }, 'c');
    expect(wrong).toEqual({ ok: false, reason: 'invalid-credentials' });
    expect(unknown).toEqual(wrong);
    expect(malformed).toEqual(wrong);
  });

  it('locks an account after repeated failures, even with the right password', async () => {
    const deps = { db, limiter: limiter() };
    const email = 'coordination@archipel.demo';
    for (let i = 0; i < 3; i++)
      await signInWithPassword(deps, { email, password: 'guess' }, `10.0.0.${i}`);
    const result = await signInWithPassword(deps, { email, password: 'archipel-demo' }, '10.0.0.9');
    expect(result).toEqual({ ok: false, reason: 'rate-limited' });
  });

  it('locks an address that tries many accounts', async () => {
    const deps = { db, limiter: limiter() };
    for (const email of ['a@x.demo', 'b@x.demo', 'c@x.demo']) {
      await signInWithPassword(deps, { email, password: 'guess' }, '192.0.2.7');
    }
    const result = await signInWithPassword(
      deps,
      { email: 'admin@archipel.demo', password: 'archipel-demo' },
      '192.0.2.7',
    );
    expect(result).toEqual({ ok: false, reason: 'rate-limited' });
  });

  it('authenticates a bearer token until it is revoked', async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@archipel.demo' } });
    const doctor = await db.user.findUniqueOrThrow({
      where: { email: 'urgence@chu-martinique.demo' },
    });
    const { id, token } = await createApiToken(db, {
      name: 'CT scanner',
      userId: doctor.id,
      createdById: admin.id,
    });

    expect(await actorFromApiToken(db, token)).toMatchObject({ userId: doctor.id, tokenId: id });
    expect(await actorFromApiToken(db, token + 'x')).toBeUndefined();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).tokenHash).not.toContain(token);

    expect(await revokeApiToken(db, id)).toBe(true);
    expect(await actorFromApiToken(db, token)).toBeUndefined();
  });
});
