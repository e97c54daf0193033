import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';

/** Where the numbered SQL migrations live; the same from `src/` (tests) and `dist/`. */
export const migrationsDir = join(__dirname, '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Reads `NNNN_name.sql` files in order; a gap or a duplicate number is an error. */
export function readMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, index) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file name ${file} is not NNNN_name.sql`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new Error(`migration ${file} breaks the numbering at ${index + 1}`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

export class EditedMigrationError extends Error {
  constructor(readonly migration: string) {
    super(`migration ${migration} was edited after it was applied; add a new migration instead`);
  }
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own
 * transaction. Refuses to run when an applied migration's file has changed, since landed
 * migrations are append-only. Returns the migration level reached.
 */
export async function migrate(pool: Pool, log: (line: string) => void = () => {}, dir = migrationsDir): Promise<number> {
  const migrations = readMigrations(dir);
  const client = await pool.connect();
  // A migration reports what it found in existing data with `raise notice`.
  const notice = (message: { message?: string }) => { if (message.message) log(message.message); };
  try {
    await client.query(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now())`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'select version, name, checksum from schema_migrations order by version');
    for (const applied of rows) {
      const file = migrations.find((m) => m.version === applied.version);
      if (file && file.checksum !== applied.checksum) throw new EditedMigrationError(`${applied.version}_${applied.name}`);
    }
    const done = new Set(rows.map((r) => r.version));
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      log(`applying migration ${migration.version} ${migration.name}`);
      await client.query('begin');
      try {
        // Serialises concurrent starters of the same database.
        await client.query('select pg_advisory_xact_lock(4309)');
        const again = await client.query('select 1 from schema_migrations where version = $1', [migration.version]);
        if (again.rowCount === 0) {
          client.on('notice', notice);
          await client.query(migration.sql).finally(() => client.off('notice', notice));
          await client.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
            [migration.version, migration.name, migration.checksum]);
        }
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    }
    return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  } finally {
    client.release();
  }
}

/** The highest applied migration, or 0 on an empty database. */
export async function migrationLevel(pool: Pool): Promise<number> {
  // Two statements: a query naming a missing table fails at parse time, whatever its CASE says.
  const exists = await pool.query<{ found: boolean }>(`select to_regclass('schema_migrations') is not null as found`);
  if (!exists.rows[0]?.found) return 0;
  const { rows } = await pool.query<{ level: number }>('select coalesce(max(version), 0) as level from schema_migrations');
  return rows[0]?.level ?? 0;
}
