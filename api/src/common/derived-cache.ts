import { LRUCache } from 'lru-cache';
import { lsnValue } from '@risk/db';
import { scopePrefix, type Viewer } from './viewer';

/**
 * Whose derived data it is: everything row-level security decides by (request-db.ts sets
 * exactly these), not the user, so every official of a town shares the town's results.
 */
export function scopeKey(viewer: Viewer): string {
  return [viewer.role, scopePrefix(viewer) ?? '-', [...viewer.sectors].sort().join(','), viewer.enterpriseId ?? '-'].join('|');
}

/** [west, south, east, north] in WGS84 degrees. */
export type Extent = [number, number, number, number];

/** What one committed transaction wrote: the towns of its rows and their places, old and new. */
export interface Write {
  towns: string[];
  extents: Extent[];
}

/**
 * Parses the database's record of a transaction's writes (app.note_write in the migration
 * database_defends_itself): `town|west,south,east,north;` per row version, the extent empty
 * for rows without geometry.
 */
export function parseWrites(noted: string): Write {
  const towns = new Set<string>();
  const extents: Extent[] = [];
  for (const item of noted.split(';')) {
    if (!item) continue;
    const [town, box] = item.split('|');
    if (town) towns.add(town);
    const numbers = box ? box.split(',').map(Number) : [];
    if (numbers.length === 4 && numbers.every(Number.isFinite)) extents.push(numbers as Extent);
  }
  return { towns: [...towns], extents };
}

/** The scope prefixes a town's write concerns: the admin's '', its province, city, county and itself (GB/T 2260). */
function prefixesOf(town: string): string[] {
  return ['', town.slice(0, 2), town.slice(0, 4), town.slice(0, 6), town];
}

const overlaps = (a: Extent, b: Extent) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * The writes this api process has committed, numbered. A cached figure or tile remembers the
 * number current when it was made and is renewed only when a later write can affect it: a
 * write in its scope's towns (figures) or inside its extent (tiles). A change made elsewhere
 * (another process, psql) shows when the cached entry expires.
 */
export class WriteLog {
  private seq = 0;
  /** The last write in a town under each scope prefix. */
  private readonly lastByPrefix = new Map<string, number>();
  /** Recent writes' extents, kept as long as a cached tile may live. */
  private recent: { seq: number; at: number; extent: Extent }[] = [];
  private lsn: string | null = null;

  constructor(private readonly keepMs = 120_000) {}

  get current(): number {
    return this.seq;
  }

  /** The primary's WAL position after the latest write (with read replicas; else null). */
  get lastLsn(): string | null {
    return this.lsn;
  }

  record(write: Write, lsn: string | null = null): void {
    if (lsn && (!this.lsn || lsnValue(lsn) > lsnValue(this.lsn))) this.lsn = lsn;
    if (write.towns.length === 0 && write.extents.length === 0) return;
    this.seq += 1;
    for (const town of write.towns) for (const prefix of prefixesOf(town)) this.lastByPrefix.set(prefix, this.seq);
    const now = Date.now();
    this.recent = this.recent.filter((entry) => now - entry.at < this.keepMs);
    for (const extent of write.extents) this.recent.push({ seq: this.seq, at: now, extent });
  }

  /** Whether a write since `seq` lies in a town under `prefix` (null, no scope: any write). */
  scopeChangedSince(prefix: string | null, seq: number): boolean {
    return (this.lastByPrefix.get(prefix ?? '') ?? 0) > seq;
  }

  /** Whether a write since `seq` touched a place inside `extent`. */
  extentChangedSince(extent: Extent, seq: number): boolean {
    return this.recent.some((entry) => entry.seq > seq && overlaps(entry.extent, extent));
  }
}

/**
 * Whether a filter among the arguments asks what this viewer may do (HazardFilter.viewerMay):
 * that answer is one person's (a rectifier may not verify their own work), not their scope's.
 */
function perPerson(args: unknown): boolean {
  return Array.isArray(args) && args.some((arg) => typeof arg === 'object' && arg !== null && (arg as { viewerMay?: unknown }).viewerMay != null);
}

/** How long an aggregate result is reused: a dashboard's refresh, not an analyst's recount. */
export const AGGREGATE_TTL_SECONDS = 30;

/**
 * Aggregates (jurisdictionStats, hazardDensity, hazardTrend, hazardsBySector) per scope and
 * arguments, renewed when a write lands in the scope's towns. They take 0.5–1.6 s each on a
 * million hazards, and a leader's map asks for the same ones on every pan; under 50
 * concurrent users they queued for connections and made the p99 of every other request
 * (bench/). Concurrent askers of one key share one statement.
 */
export class AggregateCache {
  private readonly lru = new LRUCache<string, { made: number; result: Promise<unknown> }>({ max: 2000, ttl: AGGREGATE_TTL_SECONDS * 1000 });

  constructor(private readonly writes: WriteLog, private readonly enabled = true) {}

  get<T>(viewer: Viewer, name: string, args: unknown, make: () => Promise<T>): Promise<T> {
    if (!this.enabled) return make();
    const who = perPerson(args) ? `user:${viewer.userId ?? '-'}` : scopeKey(viewer);
    const key = [who, name, JSON.stringify(args)].join('|');
    const cached = this.lru.get(key);
    if (cached && !this.writes.scopeChangedSince(scopePrefix(viewer), cached.made)) return cached.result as Promise<T>;
    // The number before the statement runs: a write committed meanwhile renews the entry.
    const entry = { made: this.writes.current, result: make() as Promise<unknown> };
    this.lru.set(key, entry);
    // A failure is not kept: the next asker tries again.
    entry.result.catch(() => { if (this.lru.get(key) === entry) this.lru.delete(key); });
    return entry.result as Promise<T>;
  }
}
