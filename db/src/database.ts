import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from './embedded';
import { migrate } from './migrate';

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
  dataDir: string;
  /** Server mode pool size; the embedded mode always uses one connection. */
  poolSize?: number;
  statementTimeoutMs?: number;
  /** The deployment's time zone, kept in app.deployment for app.today(); unset keeps the stored one. */
  timeZone?: string;
  log?: (line: string) => void;
}

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
  close(): Promise<void>;
}

/** Opens the database in either mode, migrates it, and returns one pool for the app. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = options.log ?? (() => {});
  let embedded: EmbeddedServer | undefined;
  let connectionString = options.databaseUrl;
  if (!connectionString) {
    embedded = await startEmbedded(options.dataDir, log);
    connectionString = embedded.connectionString;
  }
  const poolOf = (url: string, max: number) => new pg.Pool({
    connectionString: url,
    max,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    // PostGIS functions carry high costs, which make the planner JIT-compile short spatial
    // queries: ~0.7 s of compiling for a 50 ms tile. PGlite has no JIT, so only servers get this.
    ...(embedded ? {} : { options: '-c jit=off' }),
  });
  // The owner's pool serves migrations, the demo load and tests' direct SQL: a few connections.
  const pool = poolOf(connectionString, embedded ? 1 : Math.min(options.poolSize ?? 10, 4));
  let apiPool: pg.Pool | undefined;
  const end = async () => {
    await pool.end();
    if (apiPool && apiPool !== pool) await apiPool.end();
    await embedded?.stop();
  };
  try {
    const migrationLevel = await migrate(pool, log);
    if (options.timeZone) {
      await pool.query('update app.deployment set time_zone = $1 where time_zone is distinct from $1', [options.timeZone]);
    }
    // PGlite admits one connection, whether started here or by whoever gave its URL (tests).
    const single = embedded !== undefined || await isPglite(pool);
    apiPool = single ? pool : poolOf(options.apiDatabaseUrl ?? apiUrlOf(connectionString), options.poolSize ?? 10);
    return { mode: embedded ? 'embedded' : 'server', pool, apiPool, migrationLevel, close: end };
  } catch (error) {
    await end();
    throw error;
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
