/**
 * Allows at most `limit` cursor moves in any window of `windowMs` from one sender, without
 * queueing: a move over the limit is dropped, since the next one supersedes it anyway. It keeps
 * the times of the last `limit` moves it let through, so a client sending at exactly the limit
 * with jittery timers is not cut to half its rate as a minimum-interval rule would.
 */
export class CursorThrottle {
  readonly #times: Float64Array;
  readonly #windowMs: number;
  #next = 0;

  constructor(limit: number, windowMs = 1000) {
    // -Infinity: every slot starts free.
    this.#times = new Float64Array(limit).fill(-Infinity);
    this.#windowMs = windowMs;
  }

  /** True when a move at `now` (ms) may be relayed; records it if so. */
  allow(now: number): boolean {
    // The oldest of the last `limit` relayed moves sits in the slot about to be overwritten.
    if (now - this.#times[this.#next] < this.#windowMs) return false;

    this.#times[this.#next] = now;
    this.#next = (this.#next + 1) % this.#times.length;
    return true;
  }
}
