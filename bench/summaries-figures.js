// @ts-check
// node bench/summaries-figures.js: the figures the hazard summaries answer (issue 14), timed
// uncached through the api (TILE_CACHE=false, AGGREGATE_CACHE=false), one request at a time,
// each from the summaries and, with a filter every hazard passes but no summary holds
// (foundTo 2100), from the rows. Prints a markdown table with the load average at each row.
// DATABASE_URL names a server database loaded by `npm run bench` or the seed CLI; RUNS
// (default 15) requests per figure, the median and p90 reported. Needs `npm run build`.
'use strict';
const { randomBytes } = require('node:crypto');
const { loadavg } = require('node:os');
const { performance } = require('node:perf_hooks');
const pg = require('pg');
const stack = require('./lib/stack');
const q = require('./lib/queries');

const URL = process.env.DATABASE_URL;
if (!URL) throw new Error('DATABASE_URL names the loaded server database to measure');
const RUNS = Number(process.env.RUNS ?? 15);
/** The rows take seconds at 1M: fewer runs of them. */
const ROW_RUNS = Number(process.env.ROW_RUNS ?? 3);
const ROWS = { foundTo: '2100-01-01T00:00:00Z' };

// What the choropleth and the ranking board ask (no everOverdue / rectifiedLate: those read the lateness rows).
const STATS = `query ($from: LocalDate, $to: LocalDate, $filter: HazardFilter) {
  jurisdictionStats(parentCode: "430900", level: town, from: $from, to: $to, filter: $filter) {
    code openMajor overdue listed found rectified rectificationRate openByLevel { general major } riskScore riskColor rank
  }
}`;
const BY_SECTOR = `query ($filter: HazardFilter) { hazardsBySector(filter: $filter) { sector count major overdue } }`;
const TREND = `query ($from: LocalDate!, $to: LocalDate!, $filter: HazardFilter) {
  hazardTrend(jurisdictionCode: "430900", from: $from, to: $to, interval: MONTH, filter: $filter) { start found closed overdue }
}`;
const DENSITY = `query ($bbox: BBox!, $filter: HazardFilter) { hazardDensity(bbox: $bbox, zoom: 8, filter: $filter) { count } }`;

/** @param {() => Promise<void>} request @param {number} runs */
async function time(request, runs = RUNS) {
  await request();
  const took = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await request();
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  return { p50: took[Math.floor(runs / 2)], p90: took[Math.min(runs - 1, Math.floor(runs * 0.9))], load: loadavg()[0] };
}

async function main() {
  const admin = new pg.Pool({ connectionString: URL, max: 2 });
  const { hashPassword } = require('../db/dist/password');
  await admin.query(
    `insert into users (username, password_hash, display_name, role, jurisdiction_code, department)
     values ('bench', $1, 'Benchmark leader', 'leader', '430900', 'bench')
     on conflict (username) do update set password_hash = excluded.password_hash, active = true`, [await hashPassword('bench-password')]);
  const { rows: [geo] } = await admin.query(
    `select (select array[st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b)] from (select boundary::box2d as b from jurisdictions where code = '430900') c) as city,
            (select sector from hazards group by sector order by count(*) desc limit 1) as sector,
            (select count(*)::int from hazards) as hazards,
            (select count(*)::int from hazard_counts) as counts, (select count(*)::int from hazard_months) as months,
            (select count(*)::int from hazard_cells where zoom = 9) as cells9`);
  await admin.end();
  const city = geo.city.map(Number);
  const centre = q.tileOf((city[0] + city[2]) / 2, (city[1] + city[3]) / 2, 8);

  // A port of its own (PORT, else a random high one): the benchmark's other servers are not running.
  const port = Number(process.env.PORT ?? 20000 + Math.floor(Math.random() * 20000));
  const api = await stack.startServer('api (TILE_CACHE=false, AGGREGATE_CACHE=false)', process.execPath, ['api/dist/main.js'], port, {
    DATABASE_URL: URL, DEMO_DATA: 'false', DB_POOL_SIZE: '4', JWT_SECRET: randomBytes(32).toString('base64url'),
    HEAVY_REQUESTS_PER_VIEWER: '1000', TILE_CACHE: 'false', AGGREGATE_CACHE: 'false',
  }, '/healthz');
  const base = `http://127.0.0.1:${api.port}`;
  try {
    /** @param {string} query @param {Record<string, unknown>} variables @param {string} [token] */
    const gql = async (query, variables, token) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const { login: { token } } = await gql(q.LOGIN, { username: 'bench', password: 'bench-password' });
    const today = new Date().toISOString().slice(0, 10);
    const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
    const trendFrom = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 24, 1)).toISOString().slice(0, 10);
    const sector = { sectors: [geo.sector] };
    /** @type {[string, string, Record<string, unknown>, Record<string, unknown>][]} */
    const figures = [
      ['`jurisdictionStats`, 90 towns, this year', STATS, year, {}],
      [`\`jurisdictionStats\`, 90 towns, this year, sector ${geo.sector}`, STATS, year, sector],
      ['`jurisdictionStats` with everOverdue, rectifiedLate (lateness rows)', q.STATS, year, {}],
      ['`hazardsBySector`', BY_SECTOR, {}, {}],
      ['`hazardTrend`, 24 months', TREND, { from: trendFrom, to: today }, {}],
      ['`hazardDensity`, city at zoom 8 (rows)', DENSITY, { bbox: city }, {}],
    ];
    console.log(`${geo.hazards} hazards; summary keys: hazard_counts ${geo.counts}, hazard_months ${geo.months}, hazard_cells at zoom 9 ${geo.cells9}`);
    console.log(`| figure (uncached, through the api) | summaries p50 / p90 ms | rows p50 / p90 ms | load average (1 min) |`);
    console.log('| --- | --- | --- | --- |');
    /** @param {number} n */
    const ms = (n) => n.toFixed(0);
    /** A figure's times, or what stopped it (the api's statement timeout). @param {() => Promise<void>} request @param {number} [runs] */
    const timed = async (request, runs) => {
      try {
        const t = await time(request, runs);
        return { text: `${ms(t.p50)} / ${ms(t.p90)}`, load: t.load.toFixed(1) };
      } catch (error) {
        return { text: `failed: ${String(error).slice(0, 80)}`, load: loadavg()[0].toFixed(1) };
      }
    };
    for (const [name, query, variables, filter] of figures) {
      const summarised = await timed(async () => { await gql(query, { ...variables, filter }, token); });
      const rows = await timed(async () => { await gql(query, { ...variables, filter: { ...filter, ...ROWS } }, token); }, ROW_RUNS);
      console.log(`| ${name} | ${summarised.text} | ${rows.text} | ${summarised.load}, ${rows.load} |`);
    }
    /** @param {string} query */
    const tile = async (query) => {
      const response = await fetch(`${base}/tiles/hazards/${centre.z}/${centre.x}/${centre.y}.mvt${query}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`tile: ${response.status}`);
      await response.arrayBuffer();
    };
    const cells = await timed(() => tile(''));
    const tileRows = await timed(() => tile(`?foundTo=${ROWS.foundTo}`), ROW_RUNS);
    console.log(`| hazards tile z8 (aggregated) over the city | ${cells.text} | ${tileRows.text} | ${cells.load}, ${tileRows.load} |`);
  } finally {
    await stack.stopAll();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
