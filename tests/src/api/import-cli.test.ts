import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { whenFree } from '../support/db';
import { csv } from '../support/imports';

// The administrators' import from the command line (docs/import.md): the web's pipeline
// against DATABASE_URL, as a named user; problems printed, exit 1 when there are any (and
// nothing written), 2 on bad arguments, 0 once confirmed.

const CLI = resolve(__dirname, '../../../api/dist/import/import-cli.js');
const SLOW_MS = 180_000;
const HEADERS = ['单位名称', '统一社会信用代码', '行业领域', '风险等级', '所属乡镇（街道）', '经度', '纬度'];

let dir: string;
let town: { name: string; lng: number; lat: number };

/** One statement on a connection of its own, closed at once: the CLI needs the embedded database's one connection. */
async function query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = await whenFree(async () => {
    const attempt = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await attempt.connect();
    return attempt;
  });
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const creditCode = (n: number) => {
  const first17 = `91430900MA7C${String(n).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

const ledger = (rows: (string | number)[][]) => {
  const path = join(dir, `企业台账-${randomBytes(3).toString('hex')}.csv`);
  writeFileSync(path, csv(HEADERS, rows));
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  [town] = await query<typeof town>(
    `select name, st_x(st_pointonsurface(boundary)) as lng, st_y(st_pointonsurface(boundary)) as lat
     from jurisdictions j where level = 'town' and (select count(*) from jurisdictions n where n.name = j.name) = 1
     order by code limit 1`);
}, SLOW_MS);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const enterprises = async (codes: string[]) =>
  (await query<{ n: number }>('select count(*)::int as n from enterprises where credit_code = any($1)', [codes]))[0]!.n;

it('a ledger with a bad row: the row is printed, exit 1, nothing written even with --confirm; fixed, it is written', async () => {
  const n = Number.parseInt(randomBytes(2).toString('hex'), 16) % 90000;
  const codes = [creditCode(n), creditCode(n + 1)];
  const good = ['城东五金厂', codes[0]!, '工贸', '低风险', town.name, town.lng, town.lat];
  const bad = await cli('--kind', 'enterprises', '--confirm', ledger([good, ['城西砖厂', codes[1]!, '不存在的行业', '低风险', town.name, town.lng, town.lat]]));
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(/^row 3\t行业领域\t不存在的行业\t.*不是可选值/m);
  expect(bad.stdout).toContain('dry run: 1 problems');
  expect(await enterprises(codes)).toBe(0);

  const fixed = ledger([good, ['城西砖厂', codes[1]!, '工贸', '低风险', town.name, town.lng, town.lat]]);
  const dry = await cli('--kind', 'enterprises', fixed);
  expect(dry).toMatchObject({ code: 0, stderr: '' });
  expect(dry.stdout).toContain('would insert 2');
  expect(await enterprises(codes)).toBe(0);

  const done = await cli('--kind', 'enterprises', '--confirm', fixed);
  expect(done).toMatchObject({ code: 0, stderr: '' });
  expect(done.stdout).toContain('confirmed: inserted 2');
  const history = await query<{ import_id: string | null }>(
    `select rh.import_id from record_history rh join enterprises e on e.id = rh.entity_id and rh.entity_kind = 'enterprise'
     where e.credit_code = any($1)`, [codes]);
  expect(history).toHaveLength(2);
  expect(history.every((h) => h.import_id !== null)).toBe(true);

  const again = await cli('--kind', 'enterprises', '--confirm', fixed);
  expect(again.stdout).toContain('confirmed: inserted 0, updated 0, unchanged 2');
  expect(await enterprises(codes)).toBe(2);
}, SLOW_MS);

it('bad arguments exit 2 with the usage', async () => {
  const noKind = await cli(ledger([]));
  expect(noKind.code).toBe(2);
  expect(noKind.stderr).toContain('--kind must be one of');
  const badCrs = await cli('--kind', 'hazards', '--crs', 'MERCATOR', ledger([]));
  expect(badCrs.code).toBe(2);
  expect(badCrs.stderr).toContain('usage: npm run import');
}, SLOW_MS);
