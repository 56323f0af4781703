/**
 * Counts failed sign-in attempts per key (an account, an address) within a window.
 * Limitation: the in-memory implementation counts per process; with several server processes
 * behind a load balancer, each counts on its own until a Redis-backed limiter replaces it.
 */
export interface AttemptLimiter {
  /** Whether the key is currently locked out. */
  isBlocked(key: string): boolean;
  recordFailure(key: string): void;
  reset(key: string): void;
}

export function createMemoryLimiter(options: {
  maxFailures: (key: string) => number;
  windowMs: number;
  now?: () => number;
}): AttemptLimiter {
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
    isBlocked: (key) => recent(key).length >= options.maxFailures(key),
    recordFailure: (key) => failures.set(key, [...recent(key), now()]),
    reset: (key) => void failures.delete(key),
  };
}
