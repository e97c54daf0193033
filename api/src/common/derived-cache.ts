import { LRUCache } from 'lru-cache';
import { scopePrefix, type Viewer } from './viewer';

/**
 * Whose derived data it is: everything row-level security decides by (request-db.ts sets
 * exactly these), not the user, so every official of a town shares the town's results.
 */
export function scopeKey(viewer: Viewer): string {
  return [viewer.role, scopePrefix(viewer) ?? '-', [...viewer.sectors].sort().join(','), viewer.enterpriseId ?? '-'].join('|');
}

/**
 * Counts the writes this api process has committed. Caches of derived data (tiles,
 * aggregates) put it in their keys, so a change made through the api shows at once in every
 * map and number; a change made elsewhere (another process, psql) shows when the cached
 * entry expires.
 */
export class WriteGeneration {
  private value = 0;

  get current(): number {
    return this.value;
  }

  bump(): void {
    this.value += 1;
  }
}

/** How long an aggregate result is reused: a dashboard's refresh, not an analyst's recount. */
export const AGGREGATE_TTL_SECONDS = 30;

/**
 * Aggregates (jurisdictionStats, hazardDensity, hazardTrend, hazardsBySector) per scope,
 * arguments and write generation. They take 0.5–1.6 s each on a million hazards, and a
 * leader's map asks for the same ones on every pan; under 50 concurrent users they queued
 * for connections and made the p99 of every other request (bench/). Concurrent askers of one
 * key share one statement.
 */
export class AggregateCache {
  private readonly lru = new LRUCache<string, Promise<unknown>>({ max: 2000, ttl: AGGREGATE_TTL_SECONDS * 1000 });

  constructor(private readonly generation: WriteGeneration, private readonly enabled = true) {}

  get<T>(viewer: Viewer, name: string, args: unknown, make: () => Promise<T>): Promise<T> {
    if (!this.enabled) return make();
    const key = [scopeKey(viewer), this.generation.current, name, JSON.stringify(args)].join('|');
    const cached = this.lru.get(key) as Promise<T> | undefined;
    if (cached) return cached;
    const made = make();
    this.lru.set(key, made);
    // A failure is not kept: the next asker tries again.
    made.catch(() => this.lru.delete(key));
    return made;
  }
}
