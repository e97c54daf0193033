// @ts-check
// Turns the measurements into ratios judged against the targets of issue 5, prints a table,
// and writes bench/results/latest.json and bench/results/YYYY-MM-DD.md.
'use strict';
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { round } = require('./measure');

const RESULTS = join(__dirname, '..', 'results');

/**
 * @typedef {import('./measure').Summary} Summary
 * @typedef {{ what: string, concurrency: number, sides: [string, string], a: Summary, b: Summary } & Record<string, unknown>} Pair
 * @typedef {object} Verdict
 * @property {string} name
 * @property {string} measure  what the ratio divides
 * @property {number} ratio
 * @property {string} target
 * @property {boolean} met
 * @property {number} [p95Ratio]
 */

/**
 * The judgement of each pair: latency ratios where the issue asks "≤ n× raw SQL",
 * throughput ratios where it asks "≥ n× the other".
 * @param {Record<string, Pair>} pairs
 * @returns {Verdict[]}
 */
function verdicts(pairs) {
  /** @type {Verdict[]} */
  const out = [];
  for (const [name, p] of Object.entries(pairs)) {
    const p50 = round(p.a.p50 / p.b.p50);
    const p95 = round(p.a.p95 / p.b.p95);
    const rps = round(p.a.rps / p.b.rps);
    if (name.startsWith('tile_z')) out.push({ name, measure: 'p50 api / p50 raw SQL', ratio: p50, p95Ratio: p95, target: '≤ 1.2', met: p50 <= 1.2 });
    else if (name === 'tile_cached') out.push({ name, measure: 'req/s api / req/s bare', ratio: rps, p95Ratio: p95, target: '≥ 0.8', met: rps >= 0.8 });
    else if (name === 'hazard_list') out.push({ name, measure: 'req/s api / req/s PostGraphile; p95 api / p95 PostGraphile', ratio: rps, p95Ratio: p95, target: '≥ 1.0 and p95 ≤ 1.0', met: rps >= 1 && p95 <= 1 });
    else if (name === 'list_1000') out.push({ name, measure: 'req/s api / req/s json_agg', ratio: rps, p95Ratio: p95, target: '≥ 0.7', met: rps >= 0.7 });
    else out.push({ name, measure: 'p50 api / p50 raw SQL', ratio: p50, p95Ratio: p95, target: '≤ 1.5', met: p50 <= 1.5 });
  }
  return out;
}

/** @param {number} n */
const ms = (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–');

/**
 * @param {{ startedAt: string, totalSeconds: number, roundSeconds: number, rounds: number, slowAmount: number, facts: any, data: any,
 *           pairs: Record<string, Pair>, sqlCounts: Record<string, { statements: number, listLevels: number, note: string }>, mixed: any }} run
 */
function writeResults(run) {
  const judged = verdicts(run.pairs);
  const sql = Object.entries(run.sqlCounts).map(([name, c]) => ({ name, ...c, met: c.statements <= c.listLevels }));
  const mixedMet = run.mixed.errors === 0;
  const results = { ...run, verdicts: judged, sqlPerRequest: sql, mixedMet };
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  rmSync(join(RESULTS, '.tmp'), { recursive: true, force: true });

  const lines = [];
  lines.push(`| comparison | clients | api p50 / p95 ms | api req/s | baseline | baseline p50 / p95 ms | baseline req/s | ratio | target | met |`);
  lines.push(`| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  for (const v of judged) {
    const p = /** @type {Pair} */ (run.pairs[v.name]);
    lines.push(`| ${v.name} | ${p.concurrency} | ${ms(p.a.p50)} / ${ms(p.a.p95)} | ${p.a.rps} | ${p.sides[1]} | ${ms(p.b.p50)} / ${ms(p.b.p95)} | ${p.b.rps} | `
      + `${v.ratio}${v.p95Ratio === undefined ? '' : ` (p95 ${v.p95Ratio})`} | ${v.target} | ${v.met ? 'yes' : '**no**'} |`);
  }
  const sqlLines = [`| request | SQL statements | list levels | met |`, `| --- | --- | --- | --- |`,
    ...sql.map((s) => `| ${s.name} (${s.note}) | ${s.statements} | ${s.listLevels} | ${s.met ? 'yes' : '**no**'} |`)];
  const m = run.mixed;
  const mixedLine = `Mixed load: ${m.clients} clients for ${m.seconds} s, ${m.requests} requests (${m.rps}/s), p50 ${ms(m.p50)} ms, p95 ${ms(m.p95)} ms, `
    + `p99 ${ms(m.p99)} ms, errors ${m.errors} (${mixedMet ? 'target met' : '**target missed**'}).`;
  const f = run.facts;
  const factsLine = `Machine: ${f.cpus} × ${f.cpuModel}, ${f.memoryGiB} GiB, ${f.os}; load average at the end ${f.loadAverageAtEnd.join(' / ')} `
    + `(the machine is shared). Node ${f.node} (api, bare servers, load generator), ${f.nodeForPostGraphile} (PostGraphile); `
    + `PostgreSQL ${f.postgres}, PostGIS ${f.postgis}.`;
  const d = run.data;
  const dataLine = `Data: ${Object.entries(d.rows).map(([t, n]) => `${n} ${t}`).join(', ')}; database ${d.databaseSize}; `
    + `scale load ${d.loadSeconds === null ? 'time unknown' : `${d.loadSeconds} s`}${d.loadedNow ? ' (this run)' : ' (an earlier run; reused)'}.`;
  const method = `Each pair: a warm-up, then ${run.rounds} alternating rounds per side (A B B A …) of ${run.roundSeconds} s, `
    + `or of ${run.slowAmount} requests for the slow aggregates (z8 tile, jurisdictionStats, hazardDensity); `
    + `clients as in the table, every latency kept. Whole run ${run.totalSeconds} s.`;
  const markdown = [`# Benchmark ${run.startedAt.slice(0, 10)}`, '', factsLine, '', dataLine, '', method, '', ...lines, '', ...sqlLines, '', mixedLine, '',
    'What each row compares:', '', ...Object.entries(run.pairs).map(([name, p]) => `- ${name}: ${p.what}`), ''].join('\n');
  writeFileSync(join(RESULTS, `${run.startedAt.slice(0, 10)}.md`), markdown);
  console.log(`\n${markdown}`);
  console.log(`written: bench/results/latest.json, bench/results/${run.startedAt.slice(0, 10)}.md`);
}

module.exports = { writeResults, verdicts };
