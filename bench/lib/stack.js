// @ts-check
// What the benchmark stands on: the server database (created, migrated and loaded with the
// scale data when missing), a signed-in viewer, and the processes it measures.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const pg = require('pg');

const ROOT = join(__dirname, '..', '..');
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432';

/**
 * The benchmark's scales, each in a database of its own so that both loads are paid once:
 * the city (issue 5, the default) and the province (issue 14: ten times the hazards and
 * enterprises), chosen by `npm run bench -- province` or BENCH_SCALE=province.
 */
const SCALES = {
  city: { name: 'city', database: 'risk_bench', hazards: 1_000_000, enterprises: 100_000, roadSegments: 10_000 },
  province: { name: 'province', database: 'risk_bench_province', hazards: 10_000_000, enterprises: 1_000_000, roadSegments: 10_000 },
};

/** @returns {typeof SCALES.city} */
function chosenScale() {
  const name = process.argv.slice(2).find((a) => !a.startsWith('-')) ?? process.env.BENCH_SCALE ?? 'city';
  const scale = /** @type {Record<string, typeof SCALES.city>} */ (SCALES)[name];
  if (!scale) throw new Error(`unknown scale ${name}: one of ${Object.keys(SCALES).join(', ')}`);
  return scale;
}
const SCALE = chosenScale();

/** @param {string} line */
const log = (line) => console.log(`[bench] ${line}`);

/**
 * DATABASE_URL when set, else the scale's dedicated database on the local server (risk_bench,
 * risk_bench_province), created when missing. Never the embedded PGlite: it takes one connection at a time and its PostGIS
 * has no ST_AsMVT, so neither concurrency nor database-built tiles could be measured.
 * @returns {Promise<string>}
 */
async function databaseUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const admin = new pg.Client({ connectionString: `${DEFAULT_SERVER}/postgres` });
  await admin.connect();
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [SCALE.database]);
    if (rows.length === 0) {
      log(`creating database ${SCALE.database}`);
      await admin.query(`create database ${SCALE.database}`);
    }
  } finally {
    await admin.end();
  }
  return `${DEFAULT_SERVER}/${SCALE.database}`;
}

/**
 * @typedef {object} DataState
 * @property {Record<string, number>} rows  rows per table
 * @property {string} databaseSize
 * @property {number | null} loadSeconds  of the load that filled this database (this run or an earlier one)
 * @property {boolean} loadedNow
 */

/**
 * Migrates, then loads the scale data through the seed CLI (COPY) when the database holds
 * no data; a loaded database is reused as it is, so the load is paid once. The load's time is
 * kept as a comment on the database, to be reported by later runs.
 * @param {string} url
 * @returns {Promise<DataState>}
 */
async function ensureData(url) {
  // Migrate in a child process, as the api and the CLI do: the same runner, nothing copied.
  await run(process.execPath, ['-e', `require('./db/dist/database').openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' }).then((db) => db.close())`], { DATABASE_URL: url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let loadedNow = false;
    const { rows: [{ n }] } = await client.query('select count(*)::int as n from jurisdictions');
    if (n === 0) {
      log(`loading ${SCALE.hazards} hazards, ${SCALE.enterprises} enterprises, ${SCALE.roadSegments} road segments (once; later runs reuse them)`);
      const started = performance.now();
      await run(process.execPath, [join(ROOT, 'db', 'dist', 'seed', 'cli.js'),
        '--hazards', String(SCALE.hazards), '--enterprises', String(SCALE.enterprises), '--road-segments', String(SCALE.roadSegments)],
      { DATABASE_URL: url }, true);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const { rows: [{ db }] } = await client.query('select current_database() as db');
      await client.query(`comment on database ${client.escapeIdentifier(db)} is ${client.escapeLiteral(JSON.stringify({ loadSeconds: seconds }))}`);
      loadedNow = true;
      log(`scale data loaded in ${seconds} s`);
    }
    const { rows: counts } = await client.query(
      `select 'hazards' as t, count(*)::int as n from hazards union all select 'enterprises', count(*)::int from enterprises
       union all select 'road_segments', count(*)::int from road_segments union all select 'hazard_history', count(*)::int from hazard_history
       union all select 'inspections', count(*)::int from inspections union all select 'accidents', count(*)::int from accidents
       union all select 'jurisdictions', count(*)::int from jurisdictions`);
    const { rows: [meta] } = await client.query(
      `select pg_size_pretty(pg_database_size(current_database())) as size,
              shobj_description((select oid from pg_database where datname = current_database()), 'pg_database') as comment`);
    let loadSeconds = null;
    try {
      loadSeconds = JSON.parse(meta.comment ?? 'null')?.loadSeconds ?? null;
    } catch {
      // a comment someone else wrote: no load time to report
    }
    const rows = Object.fromEntries(counts.map((/** @type {{ t: string, n: number }} */ r) => [r.t, r.n]));
    if ((rows.hazards ?? 0) < SCALE.hazards) log(`note: the database holds ${rows.hazards} hazards, fewer than the ${SCALE.hazards} of the benchmark scale`);
    return { rows, databaseSize: meta.size, loadSeconds, loadedNow };
  } finally {
    await client.end();
  }
}

/**
 * Runs a command to its end; its output is shown when `show` or when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @param {boolean} [show]
 * @returns {Promise<void>}
 */
function run(command, args, env, show = false) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: show ? 'inherit' : 'pipe' });
    let output = '';
    child.stdout?.on('data', (chunk) => { output += chunk; });
    child.stderr?.on('data', (chunk) => { output += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`))));
  });
}

/**
 * @typedef {object} Child
 * @property {string} name
 * @property {number} port
 * @property {() => Promise<void>} stop
 */

/** @type {Child[]} */
const children = [];

/**
 * Starts a server process and waits until it answers on its port.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {number} port
 * @param {Record<string, string>} env
 * @param {string} readyPath  a path that answers (any status) once the server is up
 * @returns {Promise<Child>}
 */
async function startServer(name, command, args, port, env, readyPath) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output = (output + chunk).slice(-4000); });
  child.stderr.on('data', (chunk) => { output = (output + chunk).slice(-4000); });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited during start:\n${output}`);
    try {
      await fetch(`http://127.0.0.1:${port}${readyPath}`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not answer on port ${port} within 120 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  const handle = {
    name,
    port,
    stop: () => new Promise((/** @type {(value: void) => void} */ resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 5000).unref();
    }),
  };
  children.push(handle);
  log(`${name} up on port ${port}`);
  return handle;
}

async function stopAll() {
  await Promise.all(children.splice(0).map((c) => c.stop()));
}

/** The Node 22 of the npm package node@22 in bench/node_modules (PostGraphile 5 needs it). */
function node22() {
  const path = join(__dirname, '..', 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm --prefix bench install`);
  return path;
}

module.exports = { ROOT, SCALE, log, databaseUrl, ensureData, startServer, stopAll, node22, run };
