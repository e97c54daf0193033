import pg from 'pg';
import { isConnectionLoss } from './connection-loss';
import { startEmbedded, type EmbeddedServer } from './embedded';
import { DatabaseMonitor, poolProbe, serverProbe, type DatabaseHealth } from './health';
import { listenOnPool, listenOnServer, type Listener, type NotificationHandlers } from './listen';
import { migrate } from './migrate';
import { ReplicaSet } from './replicas';

// Dates stay strings ('YYYY-MM-DD'): a JS Date would shift them by the time zone. int8
// counts come back as numbers; ids above 2^53 do not occur here.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type DatabaseMode = 'embedded' | 'server';

/**
 * The login role the api's requests connect as (created by the migrations): neither
 * superuser nor owner, member of app_user only, so `reset role` leaves it no privileges
 * and only its sessions' request settings count (app.is_api_session).
 */
export const API_LOGIN_ROLE = 'risk_api';

export interface DatabaseOptions {
  /**
   * A PostgreSQL 15+/PostGIS 3 server, connected to as the owner of the schema (migrations,
   * demo data); when absent, PGlite is started in `dataDir`.
   */
  databaseUrl?: string | undefined;
  /** The api's connection as risk_api (server mode); default: `databaseUrl` as risk_api, without password. */
  apiDatabaseUrl?: string | undefined;
  /**
   * Streaming standbys of `databaseUrl` for the api's reads (READ_DATABASE_URL), as the
   * owner: the api reads there as risk_api and checks them as the owner. Server mode only.
   */
  readDatabaseUrls?: string[];
  /** How long the start waits for the replicas to replay the primary's migrations. Default 10000. */
  replicaWaitMs?: number;
  dataDir: string;
  /** Server mode pool size; the embedded mode always uses one connection. */
  poolSize?: number;
  /**
   * The server admits one connection: an embedded database's socket started elsewhere (the
   * tests' global one). The pool then holds one connection and the health check no other.
   */
  singleConnection?: boolean;
  statementTimeoutMs?: number;
  /** The deployment's time zone, kept in app.deployment for app.today(); unset keeps the stored one. */
  timeZone?: string;
  /** Whether passing a major hazard needs an "after" photo, kept in app.deployment; unset keeps the stored one. */
  afterPhotoRequired?: boolean | undefined;
  /**
   * Server mode: how long a request waits for a connection, a new one or a free one of a
   * full pool, before it fails (and the api answers SERVICE_UNAVAILABLE). Default 5000.
   */
  connectTimeoutMs?: number;
  log?: (line: string) => void;
}

/** Default of DatabaseOptions.connectTimeoutMs. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** Bound of one health check on its own connection (server mode). */
const HEALTH_CHECK_TIMEOUT_MS = 2000;

export interface Database {
  mode: DatabaseMode;
  /** The owner's pool: migrations, demo data, scripts and tests. */
  pool: pg.Pool;
  /**
   * The api's requests: as risk_api on a server. The embedded database (PGlite) has one
   * connection and one (super)user, so there it is `pool`; README says what that cannot enforce.
   */
  apiPool: pg.Pool;
  migrationLevel: number;
  /** The read replicas; none configured in embedded mode or without READ_DATABASE_URL. */
  replicas: ReplicaSet;
  /** The socket server in embedded mode (its connections can be dropped, for tests); else undefined. */
  embedded: EmbeddedServer | undefined;
  /** Reachability as last checked, without waiting for the database (see DatabaseMonitor). */
  health(): DatabaseHealth;
  /**
   * LISTENs on `channel` for the rest of the process: on a connection of its own (as the
   * api's login role) on a server, on the one connection of a single-connection database.
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<Listener>;
  close(): Promise<void>;
}

/**
 * Opens the database in either mode, migrates it, and returns one pool for the app. The
 * pool outlives the database going away: lost connections are logged and dropped, never
 * thrown, and new ones are made when it returns.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = options.log ?? (() => {});
  let embedded: EmbeddedServer | undefined;
  let connectionString = options.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbedded(options.dataDir, log);
    connectionString = embedded.connectionString;
  }
  let monitor: DatabaseMonitor | undefined;
  const poolOf = (url: string, max: number) => {
    const pool = new pg.Pool({
      connectionString: url,
      max,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      // PostGIS functions carry high costs, which make the planner JIT-compile short spatial
      // queries: ~0.7 s of compiling for a 50 ms tile. PGlite has no JIT, so only servers get this.
      ...(embedded ? {} : { options: '-c jit=off' }),
      // A server can be unreachable without refusing (a lost route), or busy: a request must
      // not hang on it. A single connection is the embedded database's, in this process; there
      // the only wait is for that connection, which a slow request may rightly hold for long.
      ...(max === 1 ? {} : { connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS }),
    });
    // An idle connection that breaks (a server's restart: 57P01) is reported here; without a
    // listener pg-pool's 'error' event would end the process.
    pool.on('error', (error) => {
      log(`database connection lost while idle: ${error.message}`);
      monitor?.suspect();
    });
    pool.on('release', (error) => {
      if (error && isConnectionLoss(error)) monitor?.suspect();
    });
    return pool;
  };
  const givenSingle = Boolean(embedded) || Boolean(options.singleConnection);
  // The owner's pool serves migrations, the demo load and tests' direct SQL: a few connections.
  const pool = poolOf(connectionString, givenSingle ? 1 : Math.min(options.poolSize ?? 10, 4));
  let apiPool: pg.Pool | undefined;
  let ownCheck: ReturnType<typeof serverProbe> | undefined;
  let replicas: ReplicaSet | undefined;
  const closeAll = async () => {
    monitor?.stop();
    await replicas?.close();
    await ownCheck?.close();
    await pool.end();
    if (apiPool && apiPool !== pool) await apiPool.end();
    await embedded?.stop();
  };
  try {
    if (embedded && options.readDatabaseUrls?.length) throw new Error('read replicas need a PostgreSQL server (DATABASE_URL), not the embedded database');
    await refuseStandby(pool);
    const migrationLevel = await migrate(pool, log);
    if (options.timeZone) {
      await pool.query('update app.deployment set time_zone = $1 where time_zone is distinct from $1', [options.timeZone]);
    }
    if (options.afterPhotoRequired !== undefined) {
      await pool.query('update app.deployment set after_photo_required = $1 where after_photo_required is distinct from $1',
        [options.afterPhotoRequired]);
    }
    // PGlite admits one connection, whether started here or by whoever gave its URL (tests).
    const single = givenSingle || await isPglite(pool);
    apiPool = single ? pool : poolOf(options.apiDatabaseUrl ?? apiUrlOf(connectionString), options.poolSize ?? 10);
    ownCheck = single ? undefined : serverProbe(connectionString, HEALTH_CHECK_TIMEOUT_MS, () => monitor?.suspect());
    monitor = new DatabaseMonitor(ownCheck?.probe ?? poolProbe(apiPool), log, Boolean(ownCheck), await postgisVersion(pool));
    const watched = monitor;
    replicas = new ReplicaSet(options.readDatabaseUrls ?? [], (url) => poolOf(url, options.poolSize ?? 10), apiUrlOf, pool, migrationLevel, log);
    await replicas.settle(options.replicaWaitMs ?? 10_000);
    const listenUrl = options.apiDatabaseUrl ?? apiUrlOf(connectionString);
    const requests = apiPool;
    return {
      mode: embedded ? 'embedded' : 'server',
      pool,
      apiPool,
      migrationLevel,
      replicas,
      embedded,
      health: () => watched.current(),
      listen: async (channel, handlers) => (single ? listenOnPool(requests, channel, handlers) : listenOnServer(listenUrl, channel, handlers, log)),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * DATABASE_URL must be the primary: a standby refuses the migrations with SQLSTATE 25006,
 * which would say nothing about the cause. Replicas are READ_DATABASE_URL.
 */
async function refuseStandby(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ standby: boolean }>('select pg_is_in_recovery() as standby');
  if (rows[0]!.standby) {
    throw new Error('DATABASE_URL names a read-only standby (a replica in recovery): it must be the primary; replicas go in READ_DATABASE_URL');
  }
}

async function isPglite(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ pglite: boolean }>(`select version() like '%PGlite%' as pglite`);
  return rows[0]!.pglite;
}

/**
 * The owner's URL with risk_api as the user and no password: enough where the server trusts
 * local connections (development, CI); production sets API_DATABASE_URL with risk_api's password.
 */
export function apiUrlOf(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = API_LOGIN_ROLE;
  url.password = '';
  return url.toString();
}

/** PostGIS's version string, for health checks. */
export async function postgisVersion(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ version: string }>('select postgis_lib_version() as version');
  return rows[0]!.version;
}
