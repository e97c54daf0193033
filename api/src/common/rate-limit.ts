import { AppError } from './errors';

/**
 * An in-memory sliding window: at most `limit` hits per key within `windowMs`. Kept in the
 * api process, so a restart forgets it and several processes each count on their own; for
 * the public's reports of one town's demo that is enough, and it needs no table the
 * anonymous caller could write to.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Records a hit for `key`, or throws RATE_LIMITED when the window is full. */
  hit(key: string): void {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const retryAfterSeconds = Math.ceil((recent[0]! + this.windowMs - now) / 1000);
      throw new AppError('RATE_LIMITED', `too many reports; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
    recent.push(now);
    this.hits.set(key, recent);
  }
}
