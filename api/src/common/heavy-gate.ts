import type { Config } from '../config';
import { AppError } from './errors';
import type { Viewer } from './viewer';

/**
 * At most `limit` heavy requests (aggregates that read whole tables, tiles below the zoom
 * where points are aggregated) run at once per viewer; one more is refused at once with
 * RATE_LIMITED (HTTP 429) instead of waiting for a database connection. Without it, one
 * client sending ten heavy requests together holds the whole pool and every other user
 * waits. A browser opens at most six connections to a host, so the default of six never
 * refuses a person using the map, only a script.
 */
export class HeavyGate {
  private readonly running = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Takes a slot for `key`; call the returned function, once, when the request is over. */
  enter(key: string): () => void {
    const now = this.running.get(key) ?? 0;
    if (now >= this.limit) {
      throw new AppError('RATE_LIMITED', `${this.limit} heavy requests of yours are still running; wait for them to finish`, { retryAfterSeconds: 1 });
    }
    this.running.set(key, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    };
  }

  /** Runs `work` in a slot of `key`. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = this.enter(key);
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/** Whose slots a request takes: a signed-in user's wherever they connect from, else the client address's. */
export function heavyKeyOf(viewer: Viewer, clientId: string): string {
  return viewer.userId !== null ? `user:${viewer.userId}` : `client:${clientId}`;
}

// One gate per app (an app reads its config once), shared by /graphql and /tiles.
const gates = new WeakMap<Config, HeavyGate>();

export function heavyGateOf(config: Config): HeavyGate {
  let gate = gates.get(config);
  if (!gate) {
    gate = new HeavyGate(config.heavyRequestsPerViewer);
    gates.set(config, gate);
  }
  return gate;
}
