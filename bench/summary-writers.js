// @ts-check
// node bench/summary-writers.js: concurrent writers and the hazard summaries (0019, 0025). WRITERS
// connections (default 8) each run TX transactions (default 200) toggling 公示 and moving
// the status of hazards of ONE town (the demo's open hazards are too few to share all of a
// key's dimensions): the case where per-town counter rows would serialize the writers. The same load runs with the summary triggers on and,
// as the owner, with them switched off; prints throughput, latency and lock waits.
// DATABASE_URL names a server database with demo data (npm run seed); it is left as found.
'use strict';
const { performance } = require('node:perf_hooks');
const pg = require('pg');
// Built by npm run build: the recount the equality test uses.
const { summaryDrift } = require('../db/dist/summaries');

const URL = process.env.DATABASE_URL;
if (!URL) throw new Error('DATABASE_URL names the server database to measure');
const WRITERS = Number(process.env.WRITERS ?? 8);
const TX = Number(process.env.TX ?? 200);
const TRIGGERS = ['hazards_summary_insert', 'hazards_summary_update', 'hazards_summary_delete'];

/** The rectifying hazards of the busiest town, one slice per writer so no two lock one row. */
async function hazardsOfOneKey(pool) {
  const { rows } = await pool.query(`
    with key as (select town_code from hazards where status = 'RECTIFYING' group by 1 order by count(*) desc limit 1)
    select h.id from hazards h join key using (town_code) where h.status = 'RECTIFYING' order by h.id`);
  return rows.map((r) => r.id);
}

async function run(pool, ids, label) {
  const latencies = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, async (_, w) => {
    const client = await pool.connect();
    try {
      const mine = ids.filter((_, i) => i % WRITERS === w);
      for (let t = 0; t < TX; t += 1) {
        const id = mine[t % mine.length];
        const begun = performance.now();
        await client.query('begin');
        // A key change on each write: published flips, and every other write moves the status
        // there and back (RECTIFYING → AWAITING_VERIFICATION → RECTIFYING, a failed check).
        await client.query('update hazards set published = not published where id = $1', [id]);
        if (t % 2 === 0) {
          await client.query(`update hazards set status = 'AWAITING_VERIFICATION' where id = $1`, [id]);
          await client.query(`update hazards set status = 'RECTIFYING' where id = $1`, [id]);
        }
        await client.query('commit');
        latencies.push(performance.now() - begun);
      }
    } finally {
      client.release();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(`${label}: ${WRITERS} writers × ${TX} transactions in ${seconds.toFixed(1)} s = ${(WRITERS * TX / seconds).toFixed(0)} tx/s; latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
}

async function main() {
  const pool = new pg.Pool({ connectionString: URL, max: WRITERS + 1 });
  try {
    const ids = await hazardsOfOneKey(pool);
    if (ids.length < WRITERS) throw new Error(`only ${ids.length} open hazards in the busiest town`);
    console.log(`${ids.length} hazards of one town`);
    await pool.query('select app.fold_hazard_summaries()');
    await run(pool, ids, 'summaries kept (deltas appended)');
    const { rows: [deltas] } = await pool.query('select count(*)::int as n from hazard_count_deltas');
    const drift = await summaryDrift(pool);
    console.log(`count deltas left unfolded: ${deltas.n}; keys differing from a recount: ${drift.counts} counts, ${drift.months} months, ${drift.cells} cells; lateness rows and month keys differing from the history: ${drift.lateness}, ${drift.latenessMonths}`);
    await pool.query(TRIGGERS.map((t) => `alter table hazards disable trigger ${t}`).join('; '));
    try {
      await run(pool, ids, 'no summaries (triggers off)');
    } finally {
      await pool.query(TRIGGERS.map((t) => `alter table hazards enable always trigger ${t}`).join('; '));
      await pool.query('select app.rebuild_hazard_summaries()');
    }
  } finally {
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
