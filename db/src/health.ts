import pg from 'pg';

export type DatabaseState = 'up' | 'down';

/** Whether the database answers, since when, and what it last said. */
export interface DatabaseHealth {
  state: DatabaseState;
  /** When the state last changed (the start when it never did). */
  since: Date;
  /** PostGIS's version as the last successful check read it. */
  postgis: string | undefined;
  /** Why the last check failed, while down. */
  error: string | undefined;
}

/** One check of the database: PostGIS's version, or a rejection when it does not answer. */
export type Probe = () => Promise<string>;

/** How often the database is checked: while down in both modes, always in server mode. */
export const HEALTH_CHECK_INTERVAL_MS = 1000;

const versionQuery = 'select postgis_lib_version() as version';

/**
 * Keeps the database's reachability as state, so that /healthz answers at once from it
 * instead of waiting for a pool slot behind the requests that fill the pool. Checks run
 * on a timer and whenever the pool reports a lost connection (`suspect`); one at a time.
 */
export class DatabaseMonitor {
  private health: DatabaseHealth;
  private checking: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  /**
   * @param probe the check; it must bound its own time.
   * @param checkWhileUp check on the timer while up too, not only after a suspected loss.
   */
  constructor(
    private readonly probe: Probe,
    private readonly log: (line: string) => void,
    private readonly checkWhileUp: boolean,
    postgis: string,
  ) {
    this.health = { state: 'up', since: new Date(), postgis, error: undefined };
    this.timer = setInterval(() => {
      if (this.checkWhileUp || this.health.state === 'down') void this.check();
    }, HEALTH_CHECK_INTERVAL_MS);
    // The timer alone must not keep a process alive that has nothing else left to do.
    this.timer.unref();
  }

  /** The last known state; never waits for the database. */
  current(): DatabaseHealth {
    return { ...this.health };
  }

  /** A connection was lost: check now rather than at the next tick. */
  suspect(): void {
    void this.check();
  }

  /** Runs a check unless one is running; resolves when it has settled the state. */
  check(): Promise<void> {
    this.checking ??= this.probe().then(
      (postgis) => this.record('up', { postgis }),
      (error: unknown) => this.record('down', { error: (error as Error).message }),
    ).finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private record(state: DatabaseState, { postgis, error }: { postgis?: string; error?: string }): void {
    const previous = this.health;
    const changed = previous.state !== state;
    const now = new Date();
    this.health = { state, since: changed ? now : previous.since, postgis: postgis ?? previous.postgis, error };
    if (!changed) return;
    if (state === 'down') {
      this.log(`database unavailable: ${error}; requests are answered 503 until it returns`);
    } else {
      this.log(`database available again after ${((now.getTime() - previous.since.getTime()) / 1000).toFixed(1)} s`);
    }
  }
}

/**
 * A server's check on a connection of its own, outside the pool, so that it answers while
 * every pool connection is busy. The connection is kept between checks and replaced when
 * it breaks; each check is bounded by `timeoutMs`.
 */
export function serverProbe(connectionString: string, timeoutMs: number, onLost: () => void): { probe: Probe; close(): Promise<void> } {
  let client: pg.Client | undefined;
  const discard = (broken: pg.Client) => {
    if (client === broken) client = undefined;
    void broken.end().catch(() => undefined);
  };
  const connect = async (): Promise<pg.Client> => {
    const fresh = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs, application_name: 'risk-map health' });
    // Without a listener a server's restart would throw from this client's 'error' event.
    fresh.on('error', () => {
      discard(fresh);
      onLost();
    });
    try {
      await fresh.connect();
    } catch (error) {
      discard(fresh);
      throw error;
    }
    return fresh;
  };
  return {
    async probe() {
      client ??= await connect();
      const current = client;
      try {
        const { rows } = await current.query<{ version: string }>(versionQuery);
        return rows[0]!.version;
      } catch (error) {
        discard(current);
        throw error;
      }
    },
    async close() {
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}

/** The embedded database's check, through the app's pool of one: it has no second connection. */
export function poolProbe(pool: pg.Pool): Probe {
  return async () => {
    const { rows } = await pool.query<{ version: string }>(versionQuery);
    return rows[0]!.version;
  };
}
