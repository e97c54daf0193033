// @ts-check
// node bench/export-memory.js: the api's peak memory while it streams a large ledger export.
// BENCH_DATABASE_URL names a migrated database with the demo data (a test database after a
// run will do); the script copies its hazards until there are BENCH_EXPORT_ROWS (100,000),
// starts the api in this process, downloads /exports/hazards.{csv,xlsx} as an analyst,
// reading and discarding the bytes, and samples the process's RSS every 20 ms. BENCH_PASSWORD
// is the demo users' password (a test database's is test-password).
'use strict';
const pg = require('pg');
const { createApp } = require('../api/dist/app');
const { readConfig } = require('../api/dist/config');
const { openDatabase } = require('../db/dist/database');

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required');

/** Copies of existing hazards (new codes) until the table holds `rows`. */
async function fill(pool, rows) {
  const { rows: [{ count }] } = await pool.query('select count(*)::int as count from hazards');
  if (count >= rows) return count;
  await pool.query(
    `insert into hazards (code, description, level, sector, hazard_type, source, enterprise_id, road_segment_id, place_name,
                          location, town_code, found_at, responsible_person, measures, funds_yuan, deadline, contingency_plan, synthetic)
     select code || '-B' || g, description, level, sector, hazard_type, source, enterprise_id, road_segment_id, place_name,
            location, town_code, found_at, responsible_person, measures, funds_yuan, deadline, contingency_plan, true
     from (select * from hazards order by id limit $1) h cross join generate_series(1, ceil($2::float8 / $1)::int) g
     limit $2`, [count, rows - count]);
  return (await pool.query('select count(*)::int as count from hazards')).rows[0].count;
}

async function main() {
  const owner = new pg.Pool({ connectionString: url, max: 1 });
  const total = await fill(owner, ROWS);
  await owner.end();
  const config = readConfig({ ...process.env, DATABASE_URL: url, DEMO_DATA: 'false', PORT: '0', JWT_SECRET: 'bench-export-memory-secret-0123456789abcdef' });
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 4, timeZone: config.timeZone });
  const { server, audit } = await createApp(config, db, { logDestination: { write: () => {} } });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await fetch(`${base}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($p: String!) { login(username: "analyst", password: $p) { token } }',
      variables: { p: process.env.BENCH_PASSWORD ?? 'yiyang-demo' } }),
  });
  const token = (await login.json()).data.login.token;
  const results = [];
  for (const format of ['csv', 'xlsx']) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const started = performance.now();
    const response = await fetch(`${base}/exports/hazards.${format}`, { headers: { authorization: `Bearer ${token}` } });
    let bytes = 0;
    for await (const chunk of /** @type {AsyncIterable<Uint8Array>} */ (response.body)) bytes += chunk.length;
    clearInterval(timer);
    results.push({ format, rows: total, bytes, seconds: ((performance.now() - started) / 1000).toFixed(1),
      rssBeforeMiB: (before / 2 ** 20).toFixed(0), rssPeakMiB: (peak / 2 ** 20).toFixed(0), growthMiB: ((peak - before) / 2 ** 20).toFixed(0) });
  }
  console.table(results);
  await new Promise((resolve) => server.close(resolve));
  await audit.settled();
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
