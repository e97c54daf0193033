import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { dumpMigratedSchema, schemaFile } from '@risk/db';
import { readyTestPool } from '../support/db';

const STALE = 'run `npm run schema -w @risk/db` after adding a migration';

describe('the committed schema dump', () => {
  let pool: pg.Pool;
  beforeAll(async () => { pool = await readyTestPool(); });
  afterAll(() => pool.end());

  it(`names every table and function the migrations made (${STALE})`, async () => {
    const dump = readFileSync(schemaFile, 'utf8');
    // Objects of our schemas that no extension (PostGIS, pg_trgm) owns.
    const { rows } = await pool.query<{ kind: string; name: string }>(
      `select 'TABLE' as kind, n.nspname || '.' || c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind = 'r' and n.nspname in ('public', 'app')
         and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
       union all
       select 'FUNCTION', n.nspname || '.' || p.proname
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'app')
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`);
    expect(rows.length).toBeGreaterThan(20);
    const missing = rows.filter(({ kind, name }) => !dump.includes(`CREATE ${kind} ${name}${kind === 'FUNCTION' ? '(' : ' ('}`));
    expect(missing).toEqual([]);
  });

  // pg_dump needs a server, so the exact comparison exists in server mode (CI's).
  if (process.env.TEST_DATABASE_MODE === 'server') {
    it(`is exactly what pg_dump prints after the migrations (${STALE})`, async () => {
      const server = new URL(process.env.TEST_DATABASE_URL!);
      server.pathname = '/postgres';
      expect(readFileSync(schemaFile, 'utf8')).toBe(await dumpMigratedSchema(server.toString()));
    });
  }
});
