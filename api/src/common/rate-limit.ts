import type { Config } from '../config';
import { AppError } from './errors';

/**
 * An in-memory sliding window: at most `limit` hits per key within `windowMs`. Kept in the
 * api process, so a restart forgets it and several processes each count on their own; that
 * is enough against one client's flood, and it needs no table an anonymous caller could
 * write to.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly what: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws RATE_LIMITED when `key`'s window is full; records nothing. */
  check(key: string): void {
    const recent = this.recent(key);
    if (recent.length >= this.limit) {
      const retryAfterSeconds = Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000);
      throw new AppError('RATE_LIMITED', `too many ${this.what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }

  /** Records a hit for `key`. */
  record(key: string): void {
    this.hits.set(key, [...this.recent(key), this.now()]);
  }

  /** check, then record: every attempt counts. */
  hit(key: string): void {
    this.check(key);
    this.record(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    this.hits.set(key, recent);
    return recent;
  }
}

// One limiter per app and purpose (an app reads its config once), so test apps and a
// restart start afresh.
const limiters = new WeakMap<Config, Map<string, SlidingWindowLimiter>>();

/** The app's limiter named `name`, made by `make` on first use. */
export function limiterOf(config: Config, name: string, make: () => SlidingWindowLimiter): SlidingWindowLimiter {
  let byName = limiters.get(config);
  if (!byName) {
    byName = new Map();
    limiters.set(config, byName);
  }
  let limiter = byName.get(name);
  if (!limiter) {
    limiter = make();
    byName.set(name, limiter);
  }
  return limiter;
}
