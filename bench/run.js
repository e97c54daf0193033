// @ts-check
// npm run bench: the api against the database's own limit (the same SQL through pg), against
// PostGraphile 5 on the same rows, and against bare Node servers, on 1,000,000 hazards.
// Each pair is measured in alternating short rounds at a fixed concurrency so that the drift
// of a shared machine cancels. Prints a table, writes bench/results/latest.json and a dated
// Markdown copy. BENCH_ROUND_SECONDS, BENCH_ROUNDS, BENCH_MIXED_SECONDS shorten a trial run.
'use strict';
const { randomBytes } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const os = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const autocannon = require('autocannon');
const pg = require('pg');
const measure = require('./lib/measure');
const q = require('./lib/queries');
const stack = require('./lib/stack');
const { writeResults, writeMutationReference } = require('./lib/report');

const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 30);
const MIXED_CLIENTS = 50;
/** Clients per pair: enough to keep both cores busy, within the api's pool of 10 connections. */
const CONCURRENCY = 8;
/** Slow aggregates (seconds each): one client per core, rounds of a few requests. */
const SLOW_CONCURRENCY = 2;
const SLOW_AMOUNT = Number(process.env.BENCH_SLOW_AMOUNT ?? 4);
const log = stack.log;

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * @param {string} url @param {string} query @param {Record<string, unknown>} variables @param {string} [token]
 * @returns {Promise<any>}
 */
async function graphql(url, query, variables, token) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = /** @type {any} */ (await res.json());
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return body;
}

/**
 * @param {string} url @param {string} query @param {Record<string, unknown>} variables @param {string} [token]
 * @returns {import('./lib/measure').HttpTarget}
 */
const gqlTarget = (url, query, variables, token) => ({
  url,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify({ query, variables }),
});

async function main() {
  const startedAt = new Date();
  const t0 = performance.now();
  // The machine is shared: its load when the run starts goes into the results.
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  log('server mode only: the embedded PGlite serves one connection at a time and has no ST_AsMVT, so it cannot be benchmarked for concurrency or database-built tiles');
  const url = await stack.databaseUrl();
  log(`database ${url.replace(/\/\/[^@]*@/, '//…@')}`);
  const data = await stack.ensureData(url);
  log(`data: ${JSON.stringify(data.rows)}, ${data.databaseSize}`);
  // `-- province --load-only`: fill the scale's database (hours of a shared machine for the
  // province) ahead of the run that measures it.
  if (process.argv.includes('--load-only')) return;

  const admin = new pg.Pool({ connectionString: url, max: 2 });
  await admin.query(require('node:fs').readFileSync(join(__dirname, 'lib', 'postgraphile.sql'), 'utf8'));
  // This machine's PostgreSQL runs without autovacuum (its conf.d turns it off for CI): the
  // summaries' folds and earlier runs' writes leave dead rows that every read of a summary
  // would wade through. Vacuumed here as autovacuum would have done, and said in the results.
  const vacuumed = await vacuumIfNoAutovacuum(admin);
  // A leader of the city, created (or reset) here, so the run needs no demo password.
  const password = 'bench-password';
  const { hashPassword } = require('../db/dist/password');
  const { rows: [user] } = await admin.query(
    `insert into users (username, password_hash, display_name, role, jurisdiction_code, department)
     values ('bench', $1, 'Benchmark leader', 'leader', '430900', 'bench')
     on conflict (username) do update set password_hash = excluded.password_hash, active = true
     returning id`, [await hashPassword(password)]);
  const viewer = { userId: Number(user.id), role: 'leader', jurisdictionCode: '430900' };
  const settings = q.viewerSettings(viewer);
  const session = q.sessionSql(settings);

  // Where to look: the city's extent, and the town with the most overdue hazards, whose
  // centre the list box and the tiles are placed on.
  const { rows: [geo] } = await admin.query(
    `with town as (
       select town_code from hazards where deadline < current_date and status in ('REPORTED', 'RECTIFYING')
       group by town_code order by count(*) desc, town_code limit 1)
     select st_x(c) as lng, st_y(c) as lat, t.town_code,
            (select array[st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b)] from (select boundary::box2d as b from jurisdictions where code = '430900') city) as city
     from town t, lateral (select st_pointonsurface(boundary) as c from jurisdictions where code = t.town_code) p`);
  const center = { lng: Number(geo.lng), lat: Number(geo.lat) };
  // The writer of the life-cycle mutation and of the mixed load's writes: an official of
  // that town, who registers hazards found there.
  await admin.query(
    `insert into users (username, password_hash, display_name, role, jurisdiction_code, department)
     values ('bench_town', $1, 'Benchmark town official', 'town', $2, 'bench')
     on conflict (username) do update set password_hash = excluded.password_hash, jurisdiction_code = excluded.jurisdiction_code, active = true`,
    [await hashPassword(password), geo.town_code]);
  // The sector with the most hazards, for the sector-filtered figures.
  const { rows: [{ sector }] } = await admin.query('select sector from hazards group by sector order by count(*) desc, sector limit 1');
  /** @type {[number, number, number, number]} */
  const listBox = [center.lng - 0.1, center.lat - 0.1, center.lng + 0.1, center.lat + 0.1];
  /** @type {[number, number, number, number]} */
  const cityBox = /** @type {[number, number, number, number]} */ (geo.city.map(Number));
  const tiles = [8, 12, 14].map((z) => q.tileOf(center.lng, center.lat, z));
  const today = new Date().toISOString().slice(0, 10);
  const period = { from: `${today.slice(0, 4)}-01-01`, to: today };

  // The processes.
  const node = process.execPath;
  // A server database and NODE_ENV=production: the api needs a signing key of its own. The
  // benchmark's clients share one account, which the per-viewer limit of heavy requests would
  // refuse as one person's flood: it stands for many users here.
  const apiEnv = {
    DATABASE_URL: url, DEMO_DATA: 'false', DB_POOL_SIZE: '10', JWT_SECRET: randomBytes(32).toString('base64url'),
    HEAVY_REQUESTS_PER_VIEWER: '1000',
    // Figures that read the rows take seconds at this scale (more on a busy machine): the
    // benchmark measures them rather than the statement timeout's refusal.
    STATEMENT_TIMEOUT_MS: '120000',
  };
  const [apiPort, uncachedPort, pglPort, barePort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const api = await stack.startServer('api (tile cache on)', node, ['api/dist/main.js'], apiPort, apiEnv, '/healthz');
  // The uncached api measures statements, not caches: tiles and aggregates are made per request.
  const uncached = await stack.startServer('api (TILE_CACHE=false, AGGREGATE_CACHE=false)', node, ['api/dist/main.js'], uncachedPort,
    { ...apiEnv, TILE_CACHE: 'false', AGGREGATE_CACHE: 'false' }, '/healthz');
  const pgl = await stack.startServer('PostGraphile 5 (Node 22)', stack.node22(), ['bench/servers/postgraphile.mjs'], pglPort,
    { DATABASE_URL: url, PG_SETTINGS: JSON.stringify(settings) }, '/graphql');
  const apiUrl = `http://127.0.0.1:${api.port}`;
  const uncachedUrl = `http://127.0.0.1:${uncached.port}`;
  const pglUrl = `http://127.0.0.1:${pgl.port}/graphql`;
  const node22Version = await new Promise((resolve) => {
    require('node:child_process').execFile(stack.node22(), ['-v'], (_e, out) => resolve(String(out).trim()));
  });

  const { data: { login: { token } } } = await graphql(`${apiUrl}/graphql`, q.LOGIN, { username: 'bench', password });
  const { data: { login: { token: writerToken } } } = await graphql(`${apiUrl}/graphql`, q.LOGIN, { username: 'bench_town', password });
  const auth = { authorization: `Bearer ${token}` };
  // The registrations land on points spread over the town, taken in turn: at one point (the
  // town's centre, where the list box and the tiles are) every run's writes piled up under the
  // next run's z14 tile and list (five runs in a day: 14,810 hazards; the tile 256 → 572 KB).
  const { rows: spots } = await admin.query(
    `select st_x(p.geom) as lng, st_y(p.geom) as lat
     from jurisdictions j, lateral st_dump(st_generatepoints(j.boundary, 1000, 1)) p where j.code = $1`, [geo.town_code]);
  let spot = 0;
  const report = () => {
    const { lng, lat } = spots[spot++ % spots.length];
    return {
      input: {
        description: '基准测试：消防通道堵塞', level: 'GENERAL', sector, source: 'DEPARTMENT_INSPECTION',
        location: { lng, lat }, placeName: '基准测试点',
      },
    };
  };
  /** A registration per request, each at the next point. */
  const reportTarget = () => ({
    ...gqlTarget(`${apiUrl}/graphql`, q.REPORT, report(), writerToken),
    nextBody: () => JSON.stringify({ query: q.REPORT, variables: report() }),
  });
  await graphql(`${apiUrl}/graphql`, q.REPORT, report(), writerToken);
  // `--reference`: only the life-cycle mutation, kept as the reference of later runs (taken
  // before a change of the write path, which those runs then judge).
  if (process.argv.includes('--reference')) {
    log('measuring the life-cycle mutation as the reference');
    const once = (/** @type {import('./lib/measure').Budget} */ budget) =>
      measure.http(reportTarget(), SLOW_CONCURRENCY, budget);
    const result = await measure.repeated(() => once({ seconds: ROUND_SECONDS }), { rounds: ROUNDS, warmup: async () => { await once({ seconds: 1 }); } });
    log(`  ${JSON.stringify(result)}`);
    writeMutationReference(stack.SCALE.name, result.p50, startedAt.toISOString().slice(0, 10));
    await stack.stopAll();
    return;
  }
  const trendPeriod = { from: `${Number(today.slice(0, 4)) - 2}${today.slice(4, 8)}01`, to: today };

  // The tile the cached comparison serves, as the api sends it (gzipped), for the bare server.
  const cachedTile = tiles[1];
  const cachedTilePath = `/tiles/hazards/${cachedTile.z}/${cachedTile.x}/${cachedTile.y}.mvt`;
  const tileRes = await fetch(`${apiUrl}${cachedTilePath}`, { headers: { ...auth, 'accept-encoding': 'gzip' } });
  // fetch decompresses; the bare server gets the gzipped bytes the api keeps in its cache.
  const tileBytes = require('node:zlib').gzipSync(Buffer.from(await tileRes.arrayBuffer()));
  const tmp = join(__dirname, 'results', '.tmp');
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'tile.mvt.gz'), tileBytes);

  // 1,000 rows: the api's own statement for its first page, run for 1,000 rows under json_agg.
  const { data: { hazards: { pageInfo: { endCursor } } } } = await graphql(`${apiUrl}/graphql`, q.FIRST_PAGE_CURSOR, {}, token);
  const page = await q.hazardListStatement({ filter: null, orderBy: 'FOUND_AT_DESC', first: 500, after: null });
  const thousandValues = [...page.values.slice(0, -1), 1000];
  const jsonSql = `select coalesce(json_agg(t), '[]'::json)::text as body from (${page.text}) t`;
  writeFileSync(join(tmp, 'json-query.json'), JSON.stringify({ sql: jsonSql, params: thousandValues, session }));
  const bare = await stack.startServer('bare Node server', node, ['bench/servers/bare.js'], barePort,
    { DATABASE_URL: url, TILE_FILE: join(tmp, 'tile.mvt.gz'), JSON_QUERY_FILE: join(tmp, 'json-query.json') }, '/none');
  const bareUrl = `http://127.0.0.1:${bare.port}`;

  // The raw side: statements through pg, sessions set up as the same viewer.
  const raw = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  raw.on('connect', (client) => void client.query(session));

  // Check that the pairs answer the same rows before timing them.
  const listFilter = { bbox: listBox, overdue: true };
  const ours = await graphql(`${apiUrl}/graphql`, q.HAZARD_LIST, { filter: listFilter }, token);
  const theirs = await graphql(pglUrl, q.POSTGRAPHILE_LIST, { minLng: listBox[0], minLat: listBox[1], maxLng: listBox[2], maxLat: listBox[3] });
  const ourIds = ours.data.hazards.edges.map((/** @type {any} */ e) => Number(e.node.id));
  const theirIds = theirs.data.benchOverdueHazards.nodes.map((/** @type {any} */ n) => Number(n.rowId));
  if (ourIds.length !== 100 || JSON.stringify(ourIds) !== JSON.stringify(theirIds)) {
    throw new Error(`the api and PostGraphile lists differ (${ourIds.length} vs ${theirIds.length} rows): the comparison would be unfair`);
  }
  const thousand = await graphql(`${apiUrl}/graphql`, q.THOUSAND, { after: endCursor }, token);
  const thousandIds = [...thousand.data.a.edges, ...thousand.data.b.edges].map((/** @type {any} */ e) => Number(e.node.id));
  const jsonRows = JSON.parse((await (await fetch(`${bareUrl}/json`)).text()));
  if (thousandIds.length !== 1000 || JSON.stringify(thousandIds) !== JSON.stringify(jsonRows.map((/** @type {any} */ r) => r.id))) {
    throw new Error('the api 1,000-row list and the json_agg endpoint differ');
  }
  const sqlCounts = {
    hazardList: { statements: ours.extensions.sqlStatements, listLevels: 3, note: 'hazards, their enterprises, their towns' },
    thousandRows: { statements: thousand.extensions.sqlStatements, listLevels: 2, note: 'two pages of 500 (MAX_PAGE_SIZE) in one request' },
    jurisdictionStats: { statements: (await graphql(`${uncachedUrl}/graphql`, q.STATS, period, token)).extensions.sqlStatements, listLevels: 1, note: 'one aggregate; the parent is looked up only when no unit comes back' },
    hazardDensity: { statements: (await graphql(`${uncachedUrl}/graphql`, q.DENSITY, { bbox: cityBox, zoom: 8 }, token)).extensions.sqlStatements, listLevels: 1, note: 'one aggregate' },
  };
  log(`SQL statements per request: ${JSON.stringify(Object.fromEntries(Object.entries(sqlCounts).map(([k, v]) => [k, v.statements])))}`);

  /** @type {Record<string, any>} */
  const pairs = {};
  /**
   * One pair. Fast targets run rounds of ROUND_SECONDS at CONCURRENCY clients; slow ones
   * (`slow`: an aggregate of seconds) run rounds of SLOW_AMOUNT requests at SLOW_CONCURRENCY,
   * as a round of seconds would end before its answers came.
   * @param {string} name @param {string} what
   * @param {(c: number, b: import('./lib/measure').Budget) => Promise<import('./lib/measure').Sample>} a
   * @param {(c: number, b: import('./lib/measure').Budget) => Promise<import('./lib/measure').Sample>} b
   * @param {{ sides: [string, string], slow?: boolean } & Record<string, unknown>} meta
   */
  const pair = async (name, what, a, b, meta) => {
    const concurrency = meta.slow ? SLOW_CONCURRENCY : CONCURRENCY;
    /** @type {import('./lib/measure').Budget} */
    const round = meta.slow ? { amount: SLOW_AMOUNT } : { seconds: ROUND_SECONDS };
    /** @type {import('./lib/measure').Budget} */
    const warm = meta.slow ? { amount: concurrency } : { seconds: Math.max(1, Math.round(ROUND_SECONDS / 2)) };
    log(`measuring ${name}: ${what}`);
    const result = await measure.interleaved(() => a(concurrency, round), () => b(concurrency, round), {
      rounds: ROUNDS,
      warmup: async () => {
        await a(concurrency, warm);
        await b(concurrency, warm);
      },
    });
    log(`  ${JSON.stringify(result)}`);
    // A side slower than a round answers nothing in it (PostGraphile's list at 10M): its
    // round would be dropped, and a ratio against it meaningless, so the pair is measured
    // again in rounds of requests, as the slow aggregates are.
    if (!meta.slow && (result.a.requests === 0 || result.b.requests === 0)) {
      log(`  a side answered no request within a round of ${ROUND_SECONDS} s: measured again in rounds of ${SLOW_AMOUNT} requests`);
      await pair(name, what, a, b, { ...meta, slow: true });
      return;
    }
    pairs[name] = { what, concurrency, round, ...meta, a: { ...result.a }, b: { ...result.b } };
  };

  /** @type {Record<string, any>} */
  const solos = {};
  /**
   * One figure against an absolute target (no counterpart), rounds as in `pair`.
   * @param {string} name @param {string} what
   * @param {(c: number, b: import('./lib/measure').Budget) => Promise<import('./lib/measure').Sample>} a
   * @param {{ slow?: boolean, concurrency?: number } & Record<string, unknown>} meta
   */
  const solo = async (name, what, a, meta) => {
    const concurrency = meta.concurrency ?? (meta.slow ? SLOW_CONCURRENCY : CONCURRENCY);
    /** @type {import('./lib/measure').Budget} */
    const round = meta.slow ? { amount: SLOW_AMOUNT } : { seconds: ROUND_SECONDS };
    log(`measuring ${name}: ${what}`);
    const result = await measure.repeated(() => a(concurrency, round), {
      rounds: ROUNDS,
      warmup: async () => { await a(concurrency, meta.slow ? { amount: concurrency } : { seconds: 1 }); },
    });
    solos[name] = { what, concurrency, round, ...meta, result };
    log(`  ${JSON.stringify(result)}`);
  };

  for (const t of tiles) {
    const st = q.tileStatement(t.z, t.x, t.y);
    const { rows: [{ tile }] } = await raw.query(st.text, st.values);
    await pair(`tile_z${t.z}`, `hazards tile ${t.z}/${t.x}/${t.y}${t.z < q.AGGREGATE_BELOW_ZOOM ? ' (aggregated cells)' : ''}: api without tile cache vs its statement through pg`,
      (c, r) => measure.http({ url: `${uncachedUrl}/tiles/hazards/${t.z}/${t.x}/${t.y}.mvt`, headers: { ...auth, 'accept-encoding': 'gzip' } }, c, r),
      (c, r) => measure.sql(raw, st.text, st.values, c, r),
      { tile: t, mvtBytes: tile?.length ?? 0, sides: ['api', 'raw SQL'], slow: t.z < q.AGGREGATE_BELOW_ZOOM });
  }
  // Diagnostic, no target: how much of the api's cost on a cheap tile is the per-request
  // transaction (begin, settings, commit: three more round trips) rather than the api process.
  const z14 = /** @type {{ z: number, x: number, y: number }} */ (tiles[2]);
  const z14Statement = q.tileStatement(z14.z, z14.x, z14.y);
  const txPool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  await pair('diag_tile_z14_transaction', `hazards tile ${z14.z}/${z14.x}/${z14.y}: its statement inside a begin, settings, commit transaction (the tile path before RequestDb.only) vs alone, both through pg`,
    (c, r) => measure.sqlInTransaction(txPool, q.localSettingsStatement(settings), z14Statement.text, z14Statement.values, c, r),
    (c, r) => measure.sql(raw, z14Statement.text, z14Statement.values, c, r),
    { sides: ['raw SQL in a transaction', 'raw SQL'], diagnostic: true });
  await txPool.end();
  await pair('tile_cached', `hazards tile ${cachedTile.z}/${cachedTile.x}/${cachedTile.y} from the tile cache vs a bare Node server sending the same bytes`,
    (c, r) => measure.http({ url: `${apiUrl}${cachedTilePath}`, headers: { ...auth, 'accept-encoding': 'gzip' } }, c, r),
    (c, r) => measure.http({ url: `${bareUrl}/tile`, headers: { 'accept-encoding': 'gzip' } }, c, r),
    { gzippedBytes: tileBytes.length, sides: ['api', 'bare Node'] });
  await pair('hazard_list', 'hazards (bbox + overdue, 100 rows with enterprise and town names) vs PostGraphile 5 on the same rows',
    (c, r) => measure.http(gqlTarget(`${apiUrl}/graphql`, q.HAZARD_LIST, { filter: listFilter }, token), c, r),
    (c, r) => measure.http(gqlTarget(pglUrl, q.POSTGRAPHILE_LIST, { minLng: listBox[0], minLat: listBox[1], maxLng: listBox[2], maxLat: listBox[3] }), c, r),
    { bbox: listBox, sides: ['api', 'PostGraphile 5'] });
  await pair('list_1000', '1,000 hazards (every column) vs a bare endpoint answering json_agg of the same rows',
    (c, r) => measure.http(gqlTarget(`${apiUrl}/graphql`, q.THOUSAND, { after: endCursor }, token), c, r),
    (c, r) => measure.http({ url: `${bareUrl}/json` }, c, r),
    { sides: ['api', 'json_agg endpoint'] });
  const stats = await q.statsStatement('430900', 'town', period);
  await pair('jurisdiction_stats', 'jurisdictionStats of every town of the city vs its statement through pg',
    (c, r) => measure.http(gqlTarget(`${uncachedUrl}/graphql`, q.STATS, period, token), c, r),
    (c, r) => measure.sql(raw, stats.text, stats.values, c, r),
    { sides: ['api', 'raw SQL'], slow: true });
  const density = await q.densityStatement(cityBox, 8);
  await pair('hazard_density', 'hazardDensity over the city at zoom 8 vs its statement through pg',
    (c, r) => measure.http(gqlTarget(`${uncachedUrl}/graphql`, q.DENSITY, { bbox: cityBox, zoom: 8 }, token), c, r),
    (c, r) => measure.sql(raw, density.text, density.values, c, r),
    { bbox: cityBox, zoom: 8, sides: ['api', 'raw SQL'], slow: true });

  await solo('jurisdiction_stats_sector', `jurisdictionStats of every town of the city, hazards of one sector (${sector}), uncached`,
    (c, r) => measure.http(gqlTarget(`${uncachedUrl}/graphql`, q.STATS_FILTERED, { ...period, filter: { sectors: [sector] } }, token), c, r),
    { slow: true });
  await solo('hazard_trend', `hazardTrend of the city by month, ${trendPeriod.from} to ${trendPeriod.to} (24 months), uncached`,
    (c, r) => measure.http(gqlTarget(`${uncachedUrl}/graphql`, q.TREND, trendPeriod, token), c, r),
    { slow: true });
  // Writes last but the mixed load: each registers a hazard in the densest town.
  await solo('mutation', 'reportHazard (登记) by a town official in their town, with its history, summaries and audit',
    (c, r) => measure.http(reportTarget(), c, r),
    { concurrency: SLOW_CONCURRENCY });

  // Tile sizes over the densest town against the 500 KB budget of issue 5 (uncompressed MVT).
  /** @type {{ tile: string, aggregated: boolean, mvtBytes: number, underBudget: boolean }[]} */
  const tileSizes = [];
  for (let z = 8; z <= 14; z += 1) {
    const t = q.tileOf(center.lng, center.lat, z);
    const st = q.tileStatement(t.z, t.x, t.y);
    const { rows: [{ tile }] } = await raw.query(st.text, st.values);
    const bytes = tile?.length ?? 0;
    tileSizes.push({ tile: `${t.z}/${t.x}/${t.y}`, aggregated: z < q.AGGREGATE_BELOW_ZOOM, mvtBytes: bytes, underBudget: bytes < 500 * 1024 });
  }
  log(`hazard tile sizes: ${tileSizes.map((t) => `z${t.tile.split('/')[0]} ${Math.round(t.mvtBytes / 1024)} KB`).join(', ')}`);

  // The mixed load: 50 clients browsing the map against the production configuration.
  log(`mixed load: ${MIXED_CLIENTS} clients for ${MIXED_SECONDS} s`);
  const mixed = await mixedLoad(apiUrl, token, center, listFilter, cityBox, period, { token: writerToken, report });
  log(`  ${JSON.stringify(mixed)}`);

  const facts = { ...await machineFacts(admin, String(node22Version)), loadAverageAtStart: loadAtStart, vacuumed };
  await raw.end();
  await admin.end();
  await stack.stopAll();
  const totalSeconds = Math.round((performance.now() - t0) / 1000);
  writeResults({
    scale: stack.SCALE.name, startedAt: startedAt.toISOString(), totalSeconds, roundSeconds: ROUND_SECONDS, rounds: ROUNDS, slowAmount: SLOW_AMOUNT,
    facts, data, pairs, solos, sqlCounts, tileSizes, mixed,
  });
}

/**
 * @param {string} apiUrl @param {string} token @param {{ lng: number, lat: number }} center
 * @param {object} listFilter @param {number[]} cityBox @param {{ from: string, to: string }} period
 * @param {{ token: string, report: () => object }} writer  the town official whose registrations are the load's writes, and the next one's variables
 */
function mixedLoad(apiUrl, token, center, listFilter, cityBox, period, writer) {
  const around = (/** @type {number} */ z, /** @type {number} */ spread) => {
    const t = q.tileOf(center.lng, center.lat, z);
    const dx = Math.floor(Math.random() * (2 * spread + 1)) - spread;
    const dy = Math.floor(Math.random() * (2 * spread + 1)) - spread;
    return `${z}/${t.x + dx}/${t.y + dy}`;
  };
  let graphqlErrors = 0;
  /** @type {Record<string, number>} */
  const byKind = {};
  /** Latencies per kind of request, from the send (setupRequest) to the whole body (onResponse). */
  /** @type {Record<string, number[]>} */
  const kindLatencies = {};
  /** @param {string} kind @param {any} context */
  const record = (kind, context) => {
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    (kindLatencies[kind] ??= []).push(performance.now() - context.sentAt);
  };
  /** @param {string} kind @param {() => string} path */
  const tileRequest = (kind, path) => ({
    method: 'GET',
    setupRequest: (/** @type {any} */ r, /** @type {any} */ context) => {
      context.sentAt = performance.now();
      return { ...r, path: path() };
    },
    onResponse: (/** @type {number} */ _status, /** @type {string} */ _body, /** @type {any} */ context) => record(kind, context),
  });
  /** @param {string} kind @param {string} query @param {object | (() => object)} variables  or the next request's @param {string} [as] */
  const gqlRequest = (kind, query, variables, as = token) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` },
    body: JSON.stringify({ query, variables: typeof variables === 'function' ? variables() : variables }),
    setupRequest: (/** @type {any} */ r, /** @type {any} */ context) => {
      context.sentAt = performance.now();
      return typeof variables === 'function' ? { ...r, body: JSON.stringify({ query, variables: variables() }) } : r;
    },
    onResponse: (/** @type {number} */ _status, /** @type {string} */ body, /** @type {any} */ context) => {
      record(kind, context);
      if (body.includes('"errors"')) graphqlErrors += 1;
    },
  });
  // One map session per client: mostly tiles as the map pans, a ledger page now and then,
  // the heatmap cells, the choropleth's statistics and a registration once per cycle.
  const requests = [
    tileRequest('tile z14', () => `/tiles/hazards/${around(14, 3)}.mvt`),
    tileRequest('tile z12', () => `/tiles/hazards/${around(12, 2)}.mvt`),
    tileRequest('enterprise tile z12', () => `/tiles/enterprises/${around(12, 2)}.mvt`),
    tileRequest('road tile z12', () => `/tiles/road_segments/${around(12, 2)}.mvt`),
    gqlRequest('hazard list', q.HAZARD_LIST, { filter: listFilter }),
    tileRequest('tile z14', () => `/tiles/hazards/${around(14, 3)}.mvt`),
    tileRequest('tile z14', () => `/tiles/hazards/${around(14, 3)}.mvt`),
    tileRequest('tile z10', () => `/tiles/hazards/${around(10, 1)}.mvt`),
    gqlRequest('hazardDensity', q.DENSITY, { bbox: cityBox, zoom: 8 }),
    tileRequest('tile z14', () => `/tiles/hazards/${around(14, 3)}.mvt`),
    tileRequest('enterprise tile z14', () => `/tiles/enterprises/${around(14, 3)}.mvt`),
    gqlRequest('hazard list', q.HAZARD_LIST, { filter: listFilter }),
    tileRequest('tile z14', () => `/tiles/hazards/${around(14, 3)}.mvt`),
    tileRequest('tile z12', () => `/tiles/hazards/${around(12, 2)}.mvt`),
    gqlRequest('jurisdictionStats', q.STATS, period),
    // A write per cycle: it renews the cached tiles and figures of its town.
    gqlRequest('reportHazard (write)', q.REPORT, writer.report, writer.token),
  ];
  return new Promise((resolve, reject) => {
    /** @type {number[]} */
    const latencies = [];
    const instance = autocannon({
      url: apiUrl,
      connections: MIXED_CLIENTS,
      duration: MIXED_SECONDS,
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
      requests: /** @type {any} */ (requests),
      timeout: 60,
    }, (error, result) => {
      if (error) return reject(error);
      const s = measure.summarise({ latencies, seconds: result.duration, errors: 0 });
      resolve({
        clients: MIXED_CLIENTS, seconds: result.duration, requests: s.requests, rps: s.rps, p50: s.p50, p95: s.p95, p99: s.p99,
        errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
        errorsBy: { socket: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, graphql: graphqlErrors },
        requestsByKind: byKind,
        latencyByKind: Object.fromEntries(Object.entries(kindLatencies).map(([kind, latencies]) => {
          const k = measure.summarise({ latencies, seconds: result.duration, errors: 0 });
          return [kind, { requests: k.requests, p50: k.p50, p95: k.p95, p99: k.p99 }];
        })),
      });
    });
    instance.on('response', (_c, _s, _b, responseTime) => latencies.push(responseTime));
  });
}

/**
 * `vacuum (analyze)` of the tables the figures read, when the server runs no autovacuum.
 * @param {pg.Pool} admin @returns {Promise<string | null>} what was done, for the results
 */
async function vacuumIfNoAutovacuum(admin) {
  const { rows: [{ autovacuum }] } = await admin.query(`select current_setting('autovacuum') as autovacuum`);
  if (autovacuum === 'on') return null;
  const { rows } = await admin.query(
    `select c.oid::regclass::text as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and (c.relname like 'hazard%' or c.relname in ('enterprises', 'inspections', 'accidents', 'road_segments'))
     order by c.relname`);
  const started = performance.now();
  for (const { name } of rows) await admin.query(`vacuum (analyze) ${name}`);
  const text = `autovacuum is off on this server: ${rows.length} tables vacuumed and analysed before measuring (${Math.round((performance.now() - started) / 1000)} s)`;
  log(text);
  return text;
}

/** @param {pg.Pool} admin @param {string} node22Version */
async function machineFacts(admin, node22Version) {
  const { rows: [v] } = await admin.query(`select current_setting('server_version') as pg, postgis_lib_version() as postgis,
    current_setting('shared_buffers') as shared_buffers, current_setting('work_mem') as work_mem, current_setting('max_parallel_workers_per_gather') as parallel`);
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    nodeForPostGraphile: node22Version,
    postgres: v.pg,
    postgis: v.postgis,
    postgresSettings: { shared_buffers: v.shared_buffers, work_mem: v.work_mem, max_parallel_workers_per_gather: v.parallel },
  };
}

main().catch(async (error) => {
  console.error(error);
  await stack.stopAll();
  process.exit(1);
});
