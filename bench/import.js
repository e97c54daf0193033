// @ts-check
// node bench/import.js: how fast a large ledger imports (issue 13: 100,000 rows in minutes,
// with bounded memory). BENCH_DATABASE_URL names a migrated database with the demo data (a
// test database after a run will do; BENCH_PASSWORD is its users' password, test-password).
// The script writes a hazard ledger of BENCH_IMPORT_ROWS (100,000) rows, in the layout of a
// county ledger (a title row, Chinese headers, statuses from 登记 to 已销号 with the five in
// place), as .xlsx and/or .csv (BENCH_IMPORT_FORMATS, default "xlsx,csv"), starts the api in
// this process, uploads each file as the admin, waits for the dry run, confirms, and reports
// rows per second of each step and the process's peak RSS (sampled every 20 ms). Results go
// to stdout and bench/results/import-<date>.md, with the machine's load. Run it with
// node --max-old-space-size=256 bench/import.js to see that the heap stays bounded.
'use strict';
const { mkdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const ExcelJS = require('exceljs');
const pg = require('pg');
const { createApp } = require('../api/dist/app');
const { readConfig } = require('../api/dist/config');
const { openDatabase } = require('../db/dist/database');

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const FORMATS = (process.env.BENCH_IMPORT_FORMATS ?? 'xlsx,csv').split(',');
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required');

const HEADERS = ['序号', '隐患编号', '所属乡镇（街道）', '隐患所在单位（场所、路段）', '行业领域', '隐患内容', '隐患级别', '隐患来源', '排查日期',
  '经度', '纬度', '治理状态', '整改责任人', '整改措施', '整改资金（元）', '整改时限', '应急预案'];
const SECTORS = ['工贸', '消防', '建筑施工', '人员密集场所', '城镇燃气', '危险化学品'];
const STATUSES = ['登记', '登记', '登记', '整改中', '整改中', '待验收', '已销号'];

/** The rows of the ledger: every town in turn, at a point inside it. */
function* ledgerRows(towns, tag) {
  for (let i = 0; i < ROWS; i += 1) {
    const town = towns[i % towns.length];
    const status = STATUSES[i % STATUSES.length];
    const open = status === '登记';
    yield [i + 1, `YH-BENCH-${tag}-${String(i + 1).padStart(6, '0')}`, town.name, `${town.name}第${i % 97}号场所`, SECTORS[i % SECTORS.length],
      '安全出口堵塞，疏散指示标志损坏', i % 50 === 0 ? '重大隐患' : '一般隐患', '部门检查', `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      town.lng, town.lat, i % 50 === 0 && status === '已销号' ? '待验收' : status,
      open ? null : '王某', open ? null : '清理通道，更换标志', open ? null : 2000 + (i % 10) * 100, open ? null : '2026-12-31', open ? null : '专人值守'];
  }
}

async function xlsxFile(towns, tag) {
  const chunks = [];
  const stream = new (require('node:stream').Writable)({ write(chunk, _encoding, done) { chunks.push(chunk); done(); } });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('隐患台账');
  sheet.addRow(['某县隐患排查治理台账']).commit();
  sheet.addRow(HEADERS).commit();
  for (const row of ledgerRows(towns, tag)) sheet.addRow(row).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

function csvFile(towns, tag) {
  const lines = [HEADERS.join(',')];
  for (const row of ledgerRows(towns, tag)) lines.push(row.map((v) => (v === null ? '' : String(v))).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

async function main() {
  const owner = new pg.Pool({ connectionString: url, max: 1 });
  const { rows: towns } = await owner.query(
    `select name, round(st_x(st_pointonsurface(boundary))::numeric, 6)::float8 as lng, round(st_y(st_pointonsurface(boundary))::numeric, 6)::float8 as lat
     from jurisdictions j where level = 'town' and (select count(*) from jurisdictions n where n.level = 'town' and n.name = j.name) = 1 order by code`);
  const hazardsBefore = (await owner.query('select count(*)::int as n from hazards')).rows[0].n;
  await owner.end();

  const config = readConfig({ ...process.env, DATABASE_URL: url, DEMO_DATA: 'false', PORT: '0', JWT_SECRET: 'bench-import-secret-0123456789abcdef0123', MAX_IMPORT_BYTES: String(200 * 1024 * 1024) });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4, timeZone: config.timeZone });
  const { server, audit, imports } = await createApp(config, db, { logDestination: { write: () => {} } });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const gql = async (query, variables, token) => (await (await fetch(`${base}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })).json());
  const login = await gql('mutation ($p: String!) { login(username: "admin", password: $p) { token } }', { p: process.env.BENCH_PASSWORD ?? 'test-password' });
  const token = login.data.login.token;
  const run = async (id) => (await gql('query ($id: ID!) { importRun(id: $id) { status totalRows processedRows problemCount inserted updated unchanged error } }', { id }, token)).data.importRun;
  const until = async (id) => {
    for (;;) {
      const r = await run(id);
      if (r.status !== 'READING' && r.status !== 'CONFIRMING') return r;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };

  const results = [];
  for (const format of FORMATS) {
    const tag = randomBytes(3).toString('hex').toUpperCase();
    const madeAt = performance.now();
    const bytes = format === 'xlsx' ? await xlsxFile(towns, tag) : csvFile(towns, tag);
    const madeSeconds = (performance.now() - madeAt) / 1000;
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let heapPeak = 0;
    const timer = setInterval(() => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.rss);
      heapPeak = Math.max(heapPeak, usage.heapUsed);
    }, 20);
    const started = performance.now();
    const form = new FormData();
    form.set('kind', 'hazards');
    form.set('file', new Blob([bytes]), `bench.${format}`);
    const posted = await (await fetch(`${base}/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })).json();
    const checked = await until(posted.id);
    const dryRunSeconds = (performance.now() - started) / 1000;
    const dryRunPeak = peak;
    if (checked.status !== 'CHECKED' || checked.problemCount > 0) {
      const problems = await gql('query ($id: ID!) { importRun(id: $id) { problems(first: 5) { row column value reason } } }', { id: posted.id }, token);
      throw new Error(`dry run: ${JSON.stringify(checked)} ${JSON.stringify(problems.data)}`);
    }
    const confirmedAt = performance.now();
    const confirmed = await gql('mutation ($id: ID!) { confirmImport(id: $id) { status } }', { id: posted.id }, token);
    if (confirmed.errors) throw new Error(JSON.stringify(confirmed.errors));
    const done = await until(posted.id);
    const confirmSeconds = (performance.now() - confirmedAt) / 1000;
    clearInterval(timer);
    if (done.status !== 'DONE') throw new Error(`confirm: ${JSON.stringify(done)}`);
    results.push({
      format, rows: checked.totalRows, fileMiB: (bytes.length / 2 ** 20).toFixed(1), madeSeconds: madeSeconds.toFixed(1),
      dryRunSeconds: dryRunSeconds.toFixed(1), dryRunRowsPerSecond: Math.round(checked.totalRows / dryRunSeconds),
      confirmSeconds: confirmSeconds.toFixed(1), confirmRowsPerSecond: Math.round(done.inserted / confirmSeconds), inserted: done.inserted,
      rssBeforeMiB: (before / 2 ** 20).toFixed(0), rssPeakDryRunMiB: (dryRunPeak / 2 ** 20).toFixed(0), rssPeakMiB: (peak / 2 ** 20).toFixed(0),
      heapPeakMiB: (heapPeak / 2 ** 20).toFixed(0), heapLimitMiB: (require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20).toFixed(0),
    });
    console.table(results.slice(-1));
  }
  await new Promise((resolve) => server.close(resolve));
  await imports.settled();
  await audit.settled();
  const check = await db.pool.query('select count(*)::int as n from hazards');
  await db.close();

  const load = os.loadavg().map((n) => n.toFixed(2)).join(' / ');
  const day = new Date().toISOString().slice(0, 10);
  const table = ['| format | rows | file MiB | dry run s | dry run rows/s | confirm s | confirm rows/s | inserted | RSS before MiB | RSS peak, dry run MiB | RSS peak MiB | JS heap peak MiB | heap limit MiB |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.format} | ${r.rows} | ${r.fileMiB} | ${r.dryRunSeconds} | ${r.dryRunRowsPerSecond} | ${r.confirmSeconds} | ${r.confirmRowsPerSecond} | ${r.inserted} | ${r.rssBeforeMiB} | ${r.rssPeakDryRunMiB} | ${r.rssPeakMiB} | ${r.heapPeakMiB} | ${r.heapLimitMiB} |`)];
  const text = [`# Import benchmark ${day}`, '',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average at the end ${load} (the machine is shared by five engineers). Node ${process.version}.`,
    '', `Data: the demo ledger (${hazardsBefore} hazards before, ${check.rows[0].n} after). Each file: ${ROWS} hazards of a county ledger (Chinese headers, in the xlsx under a title row; 3/7 登记, 2/7 整改中, 1/7 待验收, 1/7 已销号 with the five in place; every 50th a major hazard), uploaded to POST /imports as the admin; dry run = upload to CHECKED, confirm = confirmImport to DONE (one transaction, the status walk included). RSS is the whole process (api and this script, which holds the file).`,
    '', ...table, ''].join('\n');
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', `import-${day}-${FORMATS.join('-')}.md`), text);
  console.log(text);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
