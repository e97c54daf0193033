import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EditedMigrationError, migrate, migrationLevel, migrationsDir, readMigrations } from '@risk/db';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database';

describe('migrations', () => {
  let fresh: FreshDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    fresh = await freshDatabase();
    pool = new pg.Pool({ connectionString: fresh.connectionString, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await fresh.drop();
  });

  it('apply to an empty database and record the level of the last file', async () => {
    expect(await migrationLevel(pool)).toBe(0);
    const level = await migrate(pool);
    expect(level).toBe(readMigrations().length);
    expect(await migrationLevel(pool)).toBe(level);
    const { rows } = await pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining([
      'accidents', 'enforcement_actions', 'enterprises', 'hazard_history', 'hazards', 'inspections',
      'jurisdictions', 'listed_supervisions', 'road_segments', 'users']));
  });

  it('give every geometry column a type, SRID 4326 and a GiST index', async () => {
    const { rows } = await pool.query<{ table: string; column: string; type: string; srid: number; indexed: boolean }>(`
      select g.f_table_name as table, g.f_geometry_column as column, g.type, g.srid,
             exists (select 1 from pg_index i
                     join pg_class c on c.oid = i.indexrelid
                     join pg_am am on am.oid = c.relam
                     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                     where i.indrelid = (g.f_table_schema || '.' || g.f_table_name)::regclass
                       and a.attname = g.f_geometry_column and am.amname = 'gist') as indexed
      from geometry_columns g where g.f_table_schema = 'public'`);
    expect(rows.map((r) => r.table).sort()).toEqual(['accidents', 'enterprises', 'hazards', 'jurisdictions', 'road_segments']);
    for (const row of rows) {
      expect(row).toMatchObject({ srid: 4326, indexed: true });
      expect(row.type).not.toBe('GEOMETRY');
    }
  });

  it('change nothing when run again', async () => {
    const before = await pool.query('select version, applied_at from schema_migrations order by version');
    await migrate(pool);
    const after = await pool.query('select version, applied_at from schema_migrations order by version');
    expect(after.rows).toEqual(before.rows);
  });

  it('refuse to run when an applied migration was edited', async () => {
    const edited = mkdtempSync(join(tmpdir(), 'risk-migrations-'));
    cpSync(migrationsDir, edited, { recursive: true });
    appendFileSync(join(edited, '0001_foundation.sql'), '\n-- an edit after landing\n');
    await expect(migrate(pool, () => {}, edited)).rejects.toBeInstanceOf(EditedMigrationError);
  });
});
