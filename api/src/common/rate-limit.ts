import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { AppError } from './errors';

/** Keys longer than this are stored as their SHA-256, so no key costs more than ~64 bytes. */
const MAX_RAW_KEY_LENGTH = 64;

/** The key a limiter stores for `raw`: itself when short, else its hash. */
export function limiterKey(raw: string): string {
  return raw.length <= MAX_RAW_KEY_LENGTH ? raw : `sha256:${createHash('sha256').update(raw).digest('base64url')}`;
}

/**
 * At most `points` hits per key within `windowSeconds` (a fixed window from the key's first
 * hit), in memory (rate-limiter-flexible): a key is forgotten when its window ends, and
 * keys are bounded in size, so memory grows with distinct keys per window only. Kept in
 * the api process: a restart forgets it and several processes each count on their own,
 * which is enough against one client's flood and needs no table an anonymous caller could
 * write to.
 */
export class Throttle {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly points: number, windowSeconds: number, private readonly what: string) {
    this.limiter = new RateLimiterMemory({ points, duration: windowSeconds });
  }

  /** Throws RATE_LIMITED when `raw`'s window is full; records nothing. */
  async check(raw: string): Promise<void> {
    const state = await this.limiter.get(limiterKey(raw));
    if (state && state.consumedPoints >= this.points) throw this.limited(state);
  }

  /** Records a hit for `raw`. */
  async record(raw: string): Promise<void> {
    await this.limiter.penalty(limiterKey(raw), 1);
  }

  /** check, then record: every attempt counts. */
  async hit(raw: string): Promise<void> {
    try {
      await this.limiter.consume(limiterKey(raw), 1);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw this.limited(rejection);
      throw rejection;
    }
  }

  private limited(state: RateLimiterRes): AppError {
    const retryAfterSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    return new AppError('RATE_LIMITED', `too many ${this.what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

// One throttle per app and purpose (an app reads its config once), so test apps and a
// restart start afresh.
const throttles = new WeakMap<Config, Map<string, Throttle>>();

/** The app's throttle named `name`, made by `make` on first use. */
export function throttleOf(config: Config, name: string, make: () => Throttle): Throttle {
  let byName = throttles.get(config);
  if (!byName) {
    byName = new Map();
    throttles.set(config, byName);
  }
  let throttle = byName.get(name);
  if (!throttle) {
    throttle = make();
    byName.set(name, throttle);
  }
  return throttle;
}
