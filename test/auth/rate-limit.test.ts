import { describe, expect, it } from 'vitest';
import { createMemoryLimiter } from '../../server/auth/rate-limit';

describe('sign-in attempt limiter', () => {
  it('locks a key after its limit and lets it go when the window has passed', () => {
    let now = 0;
    const limiter = createMemoryLimiter({ maxFailures: () => 3, windowMs: 1000, now: () => now });

    for (let i = 0; i < 3; i++) {
      expect(limiter.isBlocked('account:a')).toBe(false);
      limiter.recordFailure('account:a');
    }
    expect(limiter.isBlocked('account:a')).toBe(true);
    expect(limiter.isBlocked('account:b')).toBe(false);

    now = 1001;
    expect(limiter.isBlocked('account:a')).toBe(false);
  });

  it('forgets an account’s failures after a successful sign-in', () => {
    const limiter = createMemoryLimiter({ maxFailures: () => 2, windowMs: 60_000 });
    limiter.recordFailure('account:a');
    limiter.reset('account:a');
    limiter.recordFailure('account:a');
    expect(limiter.isBlocked('account:a')).toBe(false);
  });
});
