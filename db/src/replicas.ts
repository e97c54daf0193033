import pg from 'pg';
import { HEALTH_CHECK_INTERVAL_MS } from './health';

/**
 * - `ready`: a replica at the primary's migration level; reads go there.
 * - `behind`: its schema is older than the primary's (it has not replayed a migration yet):
 *   the api's statements could name what it lacks, so nothing is read there.
 * - `not-a-replica`: it accepts writes; a read pool must be a standby (pg_is_in_recovery).
 * - `down`: it does not answer.
 */
export type ReplicaState = 'ready' | 'behind' | 'not-a-replica' | 'down';

/** One standby as its last check found it. */
export interface ReplicaStatus {
  /** host:port/database, without credentials. */
  name: string;
  state: ReplicaState;
  migrationLevel: number | null;
  /** The last WAL position it replayed, `X/Y` as PostgreSQL writes it. */
  replayedLsn: string | null;
  /** How far behind the primary's current WAL position, in bytes. */
  lagBytes: number | null;
  /** Seconds since the last transaction it replayed was committed on the primary (grows when the primary is idle). */
  lagSeconds: number | null;
  error: string | undefined;
}

interface Replica {
  status: ReplicaStatus;
  /** The api's reads, as risk_api. */
  pool: pg.Pool;
  /** Its checks, as the owner (risk_api may not read schema_migrations), on one connection. */
  monitor: pg.Pool;
}

/** `X/Y` WAL positions compare as 64-bit numbers: the high and low 32 bits in hex. */
export function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** Whether the WAL position `replayed` includes `needed` (null needs nothing). */
export function hasReplayed(replayed: string, needed: string | null): boolean {
  return needed === null || lsnValue(replayed) >= lsnValue(needed);
}

function nameOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

const STATUS_QUERY = `select pg_is_in_recovery() as standby,
  pg_last_wal_replay_lsn()::text as replayed,
  extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag_seconds,
  (select coalesce(max(version), 0) from schema_migrations) as level`;

/**
 * The read replicas (READ_DATABASE_URL): streaming standbys of the primary. Each is checked
 * every second, on a connection of its own, for its schema's migration level and its replay
 * position; reads go round-robin to the ready ones. A replica is never migrated: it gets the
 * primary's migrations by replaying them.
 */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private next = 0;
  private readonly timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    ownerUrls: string[],
    apiPoolOf: (url: string) => pg.Pool,
    apiUrlOf: (ownerUrl: string) => string,
    private readonly primary: pg.Pool,
    private readonly level: number,
    private readonly log: (line: string) => void,
  ) {
    this.replicas = ownerUrls.map((url) => {
      const monitor = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 2000, query_timeout: 2000, application_name: 'risk-map replica check' });
      monitor.on('error', () => undefined);
      return {
        pool: apiPoolOf(apiUrlOf(url)),
        monitor,
        status: { name: nameOf(url), state: 'down', migrationLevel: null, replayedLsn: null, lagBytes: null, lagSeconds: null, error: 'not checked yet' },
      };
    });
    if (this.replicas.length > 0) {
      this.timer = setInterval(() => void this.check(), HEALTH_CHECK_INTERVAL_MS);
      this.timer.unref();
    }
  }

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /** A ready replica's pool, round-robin; undefined when none is ready (reads go to the primary). */
  pick(): pg.Pool | undefined {
    const ready = this.replicas.filter((replica) => replica.status.state === 'ready');
    if (ready.length === 0) return undefined;
    this.next = (this.next + 1) % ready.length;
    return ready[this.next]!.pool;
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((replica) => ({ ...replica.status }));
  }

  /**
   * Checks every replica; at start the api waits (up to `waitMs`) for each to replay the
   * migrations the primary has just applied, so that its first reads can go there.
   */
  async settle(waitMs: number): Promise<void> {
    const until = Date.now() + waitMs;
    await this.check();
    while (this.replicas.some((replica) => replica.status.state === 'behind' || replica.status.state === 'down') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await this.check();
    }
    for (const { status } of this.replicas) {
      if (status.state !== 'ready') this.log(`read replica ${status.name} is ${status.state}${status.error ? ` (${status.error})` : ''}: reads go to the primary until it is ready`);
    }
  }

  check(): Promise<void> {
    this.checking ??= Promise.all(this.replicas.map((replica) => this.checkOne(replica))).then(() => undefined).finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await Promise.all(this.replicas.flatMap((replica) => [replica.pool.end(), replica.monitor.end()]));
  }

  private async checkOne(replica: Replica): Promise<void> {
    const previous = replica.status.state;
    try {
      const { rows: [row] } = await replica.monitor.query<{ standby: boolean; replayed: string | null; lag_seconds: number | null; level: number }>(STATUS_QUERY);
      const { standby, replayed, lag_seconds: lagSeconds, level } = row!;
      let lagBytes: number | null = null;
      if (replayed) {
        const { rows: [diff] } = await this.primary.query<{ bytes: number }>('select pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 as bytes', [replayed]);
        lagBytes = Math.max(0, diff!.bytes);
      }
      const state: ReplicaState = !standby ? 'not-a-replica' : level < this.level ? 'behind' : 'ready';
      replica.status = { ...replica.status, state, migrationLevel: level, replayedLsn: replayed, lagBytes, lagSeconds, error: undefined };
    } catch (error) {
      replica.status = { ...replica.status, state: 'down', error: (error as Error).message };
    }
    if (previous !== replica.status.state) {
      this.log(`read replica ${replica.status.name}: ${replica.status.state}`);
    }
  }
}
