import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryLimiter,
  createRedisLimiter,
  type AttemptLimiter,
} from '../../server/auth/rate-limit';

// The Redis one runs against the real server on 127.0.0.1:6379, under a prefix of its own.
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `archipel-test-${process.pid}-${Date.now()}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

type Make = (options: {
  maxFailures: () => number;
  windowMs: number;
  now?: () => number;
}) => AttemptLimiter;
const limiters: [string, Make][] = [
  ['in memory', (options) => createMemoryLimiter(options)],
  ['in Redis', (options) => createRedisLimiter(redis, { ...options, prefix })],
];

describe.each(limiters)('sign-in attempt limiter %s', (_name, make) => {
  it('locks a key after its limit and lets it go when the window has passed', async () => {
    let now = 1_000_000;
    const limiter = make({ maxFailures: () => 3, windowMs: 1000, now: () => now });
    const key = `account:a-${Math.random()}`;

    for (let i = 0; i < 3; i++) {
      expect(await limiter.isBlocked(key)).toBe(false);
      await limiter.recordFailure(key);
      now += 1;
    }
    expect(await limiter.isBlocked(key)).toBe(true);
    expect(await limiter.isBlocked(`account:b-${Math.random()}`)).toBe(false);

    now += 1001;
    expect(await limiter.isBlocked(key)).toBe(false);
  });

  it('forgets an account’s failures after a successful sign-in', async () => {
    const limiter = make({ maxFailures: () => 2, windowMs: 60_000 });
    const key = `account:c-${Math.random()}`;
    await limiter.recordFailure(key);
    await limiter.reset(key);
    await limiter.recordFailure(key);
    expect(await limiter.isBlocked(key)).toBe(false);
  });
});
