import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from './embedded';
import { migrate } from './migrate';

// Dates stay strings ('YYYY-MM-DD'): a JS Date would shift them by the time zone. int8
// counts come back as numbers; ids above 2^53 do not occur here.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type DatabaseMode = 'embedded' | 'server';

export interface DatabaseOptions {
  /** A PostgreSQL 15+/PostGIS 3 server; when absent, PGlite is started in `dataDir`. */
  databaseUrl?: string | undefined;
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
  pool: pg.Pool;
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
  const pool = new pg.Pool({
    connectionString,
    max: embedded ? 1 : options.poolSize ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    // PostGIS functions carry high costs, which make the planner JIT-compile short spatial
    // queries: ~0.7 s of compiling for a 50 ms tile. PGlite has no JIT, so only servers get this.
    ...(embedded ? {} : { options: '-c jit=off' }),
  });
  try {
    const migrationLevel = await migrate(pool, log);
    if (options.timeZone) {
      await pool.query('update app.deployment set time_zone = $1 where time_zone is distinct from $1', [options.timeZone]);
    }
    return {
      mode: embedded ? 'embedded' : 'server',
      pool,
      migrationLevel,
      async close() {
        await pool.end();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await pool.end();
    await embedded?.stop();
    throw error;
  }
}

/** PostGIS's version string, for health checks. */
export async function postgisVersion(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ version: string }>('select postgis_lib_version() as version');
  return rows[0]!.version;
}
