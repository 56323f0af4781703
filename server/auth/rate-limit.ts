import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Counts failed sign-in attempts per key (an account, an address) within a window. In memory
 * for one process; in Redis when several processes serve the same users, so that an attacker
 * spreading guesses over the load balancer's targets is counted once.
 */
export interface AttemptLimiter {
  /** Whether the key is currently locked out. */
  isBlocked(key: string): Promise<boolean>;
  recordFailure(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

interface LimiterOptions {
  maxFailures: (key: string) => number;
  windowMs: number;
  now?: () => number;
}

export function createMemoryLimiter(options: LimiterOptions): AttemptLimiter {
  const failures = new Map<string, number[]>();
  const now = options.now ?? Date.now;

  function recent(key: string): number[] {
    const since = now() - options.windowMs;
    const kept = (failures.get(key) ?? []).filter((time) => time > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  }

  return {
    isBlocked: async (key) => recent(key).length >= options.maxFailures(key),
    recordFailure: async (key) => void failures.set(key, [...recent(key), now()]),
    reset: async (key) => void failures.delete(key),
  };
}

/** The same counting in Redis: one sorted set of failure times per key, expiring with it. */
export function createRedisLimiter(
  redis: Redis,
  options: LimiterOptions & { prefix: string },
): AttemptLimiter {
  const now = options.now ?? Date.now;
  const redisKey = (key: string) => `${options.prefix}:login:${key}`;

  return {
    async isBlocked(key) {
      const since = now() - options.windowMs;
      const [, count] = await redis
        .multi()
        .zremrangebyscore(redisKey(key), '-inf', since)
        .zcard(redisKey(key))
        .exec()
        .then((results) => results!.map(([, value]) => value));
      return Number(count) >= options.maxFailures(key);
    },
    async recordFailure(key) {
      await redis
        .multi()
        .zadd(redisKey(key), now(), randomUUID())
        .pexpire(redisKey(key), options.windowMs)
        .exec();
    },
    async reset(key) {
      await redis.del(redisKey(key));
    },
  };
}
