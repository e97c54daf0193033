// @ts-check
// Judges the measurements against the targets of issue 14 (one table, as the issue has it),
// keeps the comparisons behind them, prints it all, and writes bench/results/latest.json and
// bench/results/YYYY-MM-DD.md (…-province for the province scale) and the README's table.
'use strict';
const { existsSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
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
 * @typedef {object} Target  one row of issue 14's table
 * @property {string} id
 * @property {string} measure
 * @property {string} today  the issue's figure at 1M, before it
 * @property {string} target
 * @property {string} measured
 * @property {boolean | null} met  null: not measured, or no target at this scale
 * @property {string} [by]  how far from the target, when missed
 */

/** @param {number} n */
const fmt = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(n < 100 ? 1 : 0)) : '–');

/**
 * Issue 14's targets: latency in ms at each scale, ratios alike at both. `limit` is the
 * scale's bound (null: no target there).
 * @param {string} scale
 */
function limitsOf(scale) {
  const province = scale === 'province';
  return {
    figureMs: province ? 100 : 50,
    tileZ14: 1.2,
    list1000: province ? null : 0.7,
    list100: 3,
    mixedP99: province ? 500 : 300,
    mutation: 1.3,
  };
}

/**
 * The rows of issue 14's table from this run's measurements.
 * @param {any} run
 * @param {{ p50: number, date: string, scale?: string } | null} mutationReference
 * @returns {Target[]}
 */
function targets(run, mutationReference) {
  const l = limitsOf(run.scale);
  const p = run.pairs;
  const s = run.solos;
  /** @type {Target[]} */
  const rows = [];
  /** @param {string} id @param {string} measure @param {string} today @param {number | undefined} ms */
  const figure = (id, measure, today, ms) => rows.push({
    id, measure, today, target: `≤ ${l.figureMs} ms`, measured: ms === undefined ? 'not measured' : `${fmt(ms)} ms`,
    met: ms === undefined ? null : ms <= l.figureMs, ...(ms !== undefined && ms > l.figureMs ? { by: `${fmt(ms / l.figureMs)}× the limit` } : {}),
  });
  figure('jurisdiction_stats', '`jurisdictionStats`, 90 towns, no filter (p50, uncached)', '1,240 ms', p.jurisdiction_stats?.a.p50);
  figure('jurisdiction_stats_sector', '`jurisdictionStats`, 90 towns, a sector filter (p50, uncached)', '–', s.jurisdiction_stats_sector?.result.p50);
  figure('hazard_density', '`hazardDensity` at city zoom (p50, uncached)', '597 ms', p.hazard_density?.a.p50);
  figure('hazard_trend', '`hazardTrend`, 24 months (p50, uncached)', '–', s.hazard_trend?.result.p50);
  figure('tile_z8', 'hazards tile z8, aggregated (p50, uncached)', '2,187 ms', p.tile_z8?.a.p50);
  /** @param {string} id @param {string} measure @param {string} today @param {number | undefined} ratio @param {number | null} limit @param {'≤' | '≥'} sense */
  const ratio = (id, measure, today, ratio, limit, sense) => {
    const met = ratio === undefined || limit === null ? null : sense === '≤' ? ratio <= limit : ratio >= limit;
    rows.push({
      id, measure, today, target: limit === null ? '–' : `${sense} ${limit}×`, measured: ratio === undefined ? 'not measured' : `${ratio}×`, met,
      ...(met === false && ratio !== undefined && limit !== null ? { by: sense === '≤' ? `${fmt(ratio / limit)}× the allowed ratio` : `${fmt(ratio / limit)} of the required ratio` } : {}),
    });
  };
  /** Of two measured sides; none where the baseline answered nothing (an infinite ratio says nothing). */
  const of = (/** @type {number} */ a, /** @type {number} */ b) => (b > 0 ? round(a / b) : undefined);
  ratio('tile_z14', 'hazards tile z14 vs its raw SQL (p50 / p50)', '2.12× (1.78× on 2026-11-25)', p.tile_z14 && of(p.tile_z14.a.p50, p.tile_z14.b.p50), l.tileZ14, '≤');
  ratio('list_1000', '1,000-row list vs the `json_agg` endpoint (req/s / req/s)', '0.32×', p.list_1000 && of(p.list_1000.a.rps, p.list_1000.b.rps), l.list1000, '≥');
  ratio('hazard_list', '100-row hazard list vs PostGraphile 5 (req/s / req/s)', '3.76×', p.hazard_list && of(p.hazard_list.a.rps, p.hazard_list.b.rps), l.list100, '≥');
  const m = run.mixed;
  const mixedMet = m.p99 <= l.mixedP99 && m.errors === 0;
  rows.push({
    id: 'mixed', measure: `mixed load, ${m.clients} clients, with writes: p99, errors`, today: '1,156 ms, 0', target: `≤ ${l.mixedP99} ms, 0`,
    measured: `${fmt(m.p99)} ms, ${m.errors}`, met: mixedMet,
    ...(mixedMet ? {} : { by: `${fmt(m.p99 / l.mixedP99)}× the p99 limit${m.errors ? `, ${m.errors} errors` : ''}` }),
  });
  const mutation = s.mutation?.result.p50;
  const vs = mutation !== undefined && mutationReference ? round(mutation / mutationReference.p50) : undefined;
  rows.push({
    id: 'mutation', measure: 'a life-cycle mutation (reportHazard, p50) vs the reference', today: '1.0×', target: `≤ ${l.mutation}×`,
    measured: mutation === undefined ? 'not measured'
      : vs === undefined ? `${fmt(mutation)} ms (no reference yet: this run is the next run's reference)`
        : `${vs}× (${fmt(mutation)} ms vs ${fmt(mutationReference?.p50 ?? NaN)} ms on ${mutationReference?.date}${mutationReference?.scale ? `, at the ${mutationReference.scale} scale` : ''})`,
    met: vs === undefined ? null : vs <= l.mutation,
    ...(vs !== undefined && vs > l.mutation ? { by: `${fmt(vs / l.mutation)}× the allowed ratio` } : {}),
  });
  return rows;
}

/**
 * Why a target can be missed and what would close it, from profiles taken while building
 * the benchmark (api CPU profile under each load; EXPLAIN ANALYZE of each statement). Only
 * the entries of missed targets are written into the results.
 * @type {Record<string, { why: string, close: string }>}
 */
const EXPLANATIONS = {
  jurisdiction_stats: {
    why: 'Every figure now comes from a summary (migrations 0025, 0029, 0030): no hazard, enterprise or inspection row is read, only the few '
      + 'rows at the period\'s edges. What remains is the keys, filtered by row-level security and grouped by town on two cores. At 1M: '
      + '~41k of hazard_counts (one per open hazard\'s deadline, which overdue needs), ~51k of hazard_months, ~31k of hazard_lateness_months, '
      + '~41k of inspection_months and ~18k of the enterprise and accident summaries. At 10M the keys of open hazards\' deadlines grow with '
      + 'them: hazard_counts holds 192,573 keys (41,343 at 1M), hazard_months 252,797 (116,055), the others grow little.',
    close: 'Fewer keys per town: overdue counted from deadlines per town and day only for the open hazards whose deadline is near or past, '
      + 'the monthly summaries rolled up per year for the past years; or the aggregate cache, which serves repeats in a few ms.',
  },
  jurisdiction_stats_sector: {
    why: 'As without a filter: every figure from a summary; the sector narrows the hazard keys read, not the enterprise, inspection and accident keys.',
    close: 'As without a filter: fewer keys per town.',
  },
  hazard_density: {
    why: 'It reads the cell summary, not the hazards: the keys of zoom 6 for the city at zoom 8 (migration 0032; zoom 7\'s, merged, before), '
      + '34,291 at 1M and 170,738 at 10M (47,873 and 225,378 at zoom 7), one per cell × town × sector × level × status × open deadline, '
      + 'index-only once vacuumed (0028); at 10M grouping them is most of the time, and the figure varies with the machine (73–116 ms in three runs of one day).',
    close: 'Fewer keys per cell: a cell summary without the town and sector for views that filter by neither (its keys bounded by cells × '
      + 'levels × statuses × open deadlines).',
  },
  hazard_trend: {
    why: 'Found and closed per month come from hazard_trend_months (migration 0031: ~50k keys, town × sector × level × month), the overdue line '
      + 'from hazard_lateness_months (~33k keys) and the rows of overdue parts begun or ended this month.',
    close: 'The months of past years rolled up, or the city\'s trend cached per day for the closed months (only the current month changes).',
  },
  tile_z8: {
    why: 'The tile reads its own zoom\'s keys of the cell summary (migration 0032; the odd zoom above\'s before), not the hazards: '
      + '44,403 keys at 1M (72,913 at zoom 9), 191,604 at 10M (293,354), one per cell × town × sector × level × status × open deadline, '
      + 'from the summary\'s covering key (0028: index-only once vacuumed); grouping them into the tile\'s 64 × 64 cells is most of the time.',
    close: 'Fewer keys per cell: a tile summary without the town and sector, which only filters need (its keys bounded by cells × levels × '
      + 'statuses × open deadlines), read when the filter holds neither; or the tile cache, which serves repeats in a few ms (tile_cached).',
  },
  tile_z14: {
    why: 'The z14 statement takes a few ms; besides it the api checks the token, sends the viewer\'s settings with the statement in one '
      + 'pipelined round trip (RequestDb.only, which also re-reads the account: no separate check before a tile is made), gzips and answers over HTTP.',
    close: 'Fewer fixed costs per request (gzip level, the request log); repeats come from the tile cache (tile_cached).',
  },
  list_1000: {
    why: 'Even compiled (graphql-jit), the api completes ~31,000 fields per request (1,000 rows × 31 fields): pg parses every column, the '
      + 'resolvers build the objects and JSON.stringify writes ~0.8 MB; Postgres builds the same JSON in C and the bare endpoint only forwards it. '
      + 'Cheap serialisers for dates, cursors made when read and no ETag hashing cut the api\'s CPU per request from ~51 to ~44 ms (CPU profile).',
    close: 'Build leaf fields as JSON in the page statement and let the executor copy them, or a JSON serialiser compiled per query '
      + '(graphql-jit\'s stringify); the web asks 50 rows a page, where this overhead is small in absolute terms.',
  },
  hazard_list: {
    why: 'The api runs three statements (the page, then its enterprises and towns through DataLoaders) where PostGraphile compiles one. '
      + 'At 10M the page itself reads the box\'s ~560,000 location index entries to keep its ~1,700 overdue hazards (a bitmap AND with the '
      + 'open deadlines\' index), ~250 ms a request.',
    close: 'Join the enterprise and town names into the page statement when they are asked for (look-ahead on the selection set); '
      + 'a location index of the open hazards only (~3 % of the rows), which an overdue or open list would read instead.',
  },
  mixed: {
    why: 'The p99 is set by the figures that read tens of thousands of summary keys (jurisdictionStats, the trend) and, behind them on two cores '
      + 'shared by 50 clients, the hazard list and the heatmap; each write renews its town\'s cached figures, so they are recomputed under load.',
    close: 'Fewer summary keys per figure (see jurisdiction_stats), and more than two cores: the api and PostgreSQL share them with the load generator.',
  },
  mutation: {
    why: 'A registration writes the hazard, its history, the audit row and the summary deltas in one transaction; concurrent writers of one town '
      + 'meet on the same summary rows.',
    close: 'Append summary deltas and fold them later instead of updating one row per town × dimension.',
  },
};

/** Errors with their kinds (HTTP status, timeout, socket) when there are any. @param {{ errors: number, failures?: Record<string, number> }} x */
const errorsOf = (x) => (x.failures ? `${x.errors} (${Object.entries(x.failures).map(([kind, n]) => `${kind}: ${n}`).join(', ')})` : String(x.errors));

/** @param {number} n */
const ms = (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–');

/** The latest results of a scale: the city's keeps the name it always had. @param {string} scale */
const latestOf = (scale) => join(RESULTS, scale === 'city' ? 'latest.json' : `latest-${scale}.json`);

/**
 * The mutation's reference: the first run at this scale that measured it (kept from run to
 * run in the results), so a change of the write path is judged against the path before it.
 * @param {string} scale
 * @returns {{ p50: number, date: string, scale?: string } | null}
 */
function mutationReferenceOf(scale) {
  const file = latestOf(scale);
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  if (previous?.mutationReference) return previous.mutationReference;
  if (previous?.solos?.mutation) return { p50: previous.solos.mutation.result.p50, date: previous.startedAt.slice(0, 10) };
  // A scale first measured after the write path changed (the province) has no reference of
  // its own: the city's, taken before the change, stands for it, and says so.
  const city = scale === 'city' ? null : mutationReferenceOf('city');
  return city ? { ...city, scale: city.scale ?? 'city' } : null;
}

/**
 * Records the life-cycle mutation's p50 as the scale's reference (`npm run bench -- --reference`,
 * run before a change of the write path), keeping the rest of the latest results.
 * @param {string} scale @param {number} p50 @param {string} date
 */
function writeMutationReference(scale, p50, date) {
  const file = latestOf(scale);
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, mutationReference: { p50, date } }, null, 2)}\n`);
  console.log(`mutation reference ${p50} ms written to ${file}`);
}

/** Replaces the README's results of a scale, between its two markers. @param {string} scale @param {string} text */
function writeReadme(scale, text) {
  const readme = join(__dirname, '..', '..', 'README.md');
  const start = `<!-- bench:${scale}:start -->`;
  const end = `<!-- bench:${scale}:end -->`;
  const current = readFileSync(readme, 'utf8');
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from < 0 || to < from) {
    console.log(`README.md has no ${start} … ${end}: its table is not updated`);
    return;
  }
  writeFileSync(readme, `${current.slice(0, from + start.length)}\n${text}\n${current.slice(to)}`);
}

/**
 * @param {{ scale: string, startedAt: string, totalSeconds: number, roundSeconds: number, rounds: number, slowAmount: number, facts: any, data: any,
 *           pairs: Record<string, Pair>, solos: Record<string, any>, sqlCounts: Record<string, { statements: number, listLevels: number, note: string }>,
 *           tileSizes: { tile: string, aggregated: boolean, mvtBytes: number, underBudget: boolean }[], mixed: any }} run
 */
function writeResults(run) {
  const date = run.startedAt.slice(0, 10);
  const mutationReference = mutationReferenceOf(run.scale);
  const judged = targets(run, mutationReference);
  const sql = Object.entries(run.sqlCounts).map(([name, c]) => ({ name, ...c, met: c.statements <= c.listLevels }));
  const misses = judged.filter((t) => t.met === false).map((t) => ({ ...t, ...(EXPLANATIONS[t.id] ?? { why: 'not analysed', close: 'not analysed' }) }));
  const results = {
    ...run, targets: judged, sqlPerRequest: sql, misses,
    // The first measurement stays the reference of later runs at this scale.
    mutationReference: mutationReference ?? (run.solos.mutation ? { p50: run.solos.mutation.result.p50, date } : null),
  };
  writeFileSync(latestOf(run.scale), `${JSON.stringify(results, null, 2)}\n`);
  rmSync(join(RESULTS, '.tmp'), { recursive: true, force: true });

  const scaleName = run.scale === 'province' ? '10M' : '1M';
  const targetLines = [`| measure | today (1M) | target at ${scaleName} | measured | met |`, '| --- | --- | --- | --- | --- |',
    ...judged.map((t) => `| ${t.measure} | ${t.today} | ${t.target} | ${t.measured} | ${t.met === null ? '–' : t.met ? 'yes' : '**no**'} |`)];
  const lines = [];
  lines.push(`| comparison | clients | api p50 / p95 ms | api req/s | baseline | baseline p50 / p95 ms | baseline req/s | ratio p50 (p95) | ratio req/s |`);
  lines.push(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  for (const [name, p] of Object.entries(run.pairs)) {
    lines.push(`| ${name} | ${p.concurrency} | ${p.sides[0] === 'api' ? '' : `${p.sides[0]}: `}${ms(p.a.p50)} / ${ms(p.a.p95)} | ${p.a.rps} | ${p.sides[1]} | ${ms(p.b.p50)} / ${ms(p.b.p95)} | ${p.b.rps} | `
      + `${round(p.a.p50 / p.b.p50)} (${round(p.a.p95 / p.b.p95)}) | ${round(p.a.rps / p.b.rps)} |`);
  }
  const soloLines = ['| figure | clients | p50 / p95 ms | req/s | errors |', '| --- | --- | --- | --- | --- |',
    ...Object.entries(run.solos).map(([name, x]) => `| ${name} | ${x.concurrency} | ${ms(x.result.p50)} / ${ms(x.result.p95)} | ${x.result.rps} | ${errorsOf(x.result)} |`)];
  const sqlLines = [`| request | SQL statements | list levels | met |`, `| --- | --- | --- | --- |`,
    ...sql.map((s) => `| ${s.name} (${s.note}) | ${s.statements} | ${s.listLevels} | ${s.met ? 'yes' : '**no**'} |`)];
  const m = run.mixed;
  const mixedLine = `Mixed load: ${m.clients} clients for ${m.seconds} s, ${m.requests} requests (${m.rps}/s), p50 ${ms(m.p50)} ms, p95 ${ms(m.p95)} ms, `
    + `p99 ${ms(m.p99)} ms, errors ${m.errors}.`;
  const kindLines = [`| mixed-load request | requests | p50 ms | p95 ms | p99 ms |`, `| --- | --- | --- | --- | --- |`,
    ...Object.entries(/** @type {Record<string, { requests: number, p50: number, p95: number, p99: number }>} */ (m.latencyByKind ?? {}))
      .sort((x, y) => y[1].p99 - x[1].p99)
      .map(([kind, k]) => `| ${kind} | ${k.requests} | ${ms(k.p50)} | ${ms(k.p95)} | ${ms(k.p99)} |`)];
  const sizeLines = [`| hazards tile (densest town) | aggregated | MVT KB | under 500 KB |`, `| --- | --- | --- | --- |`,
    ...run.tileSizes.map((t) => `| ${t.tile} | ${t.aggregated ? 'yes' : 'no'} | ${Math.round(t.mvtBytes / 1024)} | ${t.underBudget ? 'yes' : '**no**'} |`)];
  const f = run.facts;
  const factsLine = `Machine: ${f.cpus} × ${f.cpuModel}, ${f.memoryGiB} GiB, ${f.os}; load average at the start ${f.loadAverageAtStart?.join(' / ') ?? '–'}, `
    + `at the end ${f.loadAverageAtEnd.join(' / ')}. Node ${f.node} (api, bare servers, load generator), ${f.nodeForPostGraphile} (PostGraphile); `
    + `PostgreSQL ${f.postgres}, PostGIS ${f.postgis}${f.vacuumed ? `; ${f.vacuumed}` : ''}.`;
  const d = run.data;
  const dataLine = `Data (${run.scale}): ${Object.entries(d.rows).map(([t, n]) => `${n} ${t}`).join(', ')}; database ${d.databaseSize}; `
    + `scale load ${d.loadSeconds === null ? 'time unknown' : `${d.loadSeconds} s`}${d.loadedNow ? ' (this run)' : ' (an earlier run; reused)'}.`;
  const slow = Object.entries({ ...run.pairs, ...run.solos }).filter(([, x]) => x.slow).map(([name]) => name);
  const method = `Each pair: a warm-up, then ${run.rounds} alternating rounds per side (A B B A …) of ${run.roundSeconds} s, `
    + `or of ${run.slowAmount} requests for the slow ones (${slow.join(', ')}: a round of seconds would end before their answers); `
    + `clients as in the table, every latency kept. Whole run ${run.totalSeconds} s.`;
  const missLines = misses.length === 0 ? ['Every target met.'] : ['Missed targets:', '',
    ...misses.map((x) => `- **${x.id}**: ${x.measured}, target ${x.target} (${x.by}). Why: ${x.why} What would close it: ${x.close}`)];
  const markdown = [`# Benchmark ${date}${run.scale === 'city' ? '' : ` (${run.scale})`}`, '', factsLine, '', dataLine, '', method, '',
    ...targetLines, '', ...missLines, '', 'The comparisons behind them:', '', ...lines, '', ...soloLines, '', ...sqlLines, '', mixedLine, '', ...kindLines, '', ...sizeLines, '',
    'What each row compares:', '', ...Object.entries({ ...run.pairs, ...run.solos }).map(([name, p]) => `- ${name}: ${p.what}`), ''].join('\n');
  const file = `${date}${run.scale === 'city' ? '' : `-${run.scale}`}.md`;
  writeFileSync(join(RESULTS, file), markdown);
  writeReadme(run.scale, [`Measured ${date} (\`bench/results/${file}\`): ${factsLine}`, '', dataLine, '', ...targetLines, '', ...missLines].join('\n'));
  console.log(`\n${markdown}`);
  console.log(`written: bench/results/${run.scale === 'city' ? 'latest.json' : `latest-${run.scale}.json`}, bench/results/${file}, README.md`);
}

module.exports = { writeResults, writeMutationReference, targets };
