// @ts-check
// The two ways the benchmark loads a target at fixed concurrency: HTTP through autocannon,
// and a statement straight through pg. Both keep every latency, so percentiles are exact
// and rounds of one side can be pooled before they are summarised.
'use strict';
const autocannon = require('autocannon');
const { performance } = require('node:perf_hooks');

/**
 * @typedef {object} Sample  One measured round (or several pooled).
 * @property {number[]} latencies  milliseconds, one per completed request
 * @property {number} seconds
 * @property {number} errors  socket errors, timeouts and non-2xx answers
 * @property {Record<string, number>} [failures]  the errors by kind: an HTTP status, `timeout` or `socket`
 */

/**
 * @typedef {object} HttpTarget
 * @property {string} url
 * @property {'GET' | 'POST'} [method]
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {() => string} [nextBody]  a body per request, where each must differ (registrations spread over a town)
 */

/**
 * How long a round lasts: a time for fast targets, a number of requests for slow ones (a
 * round of seconds would end before a two-second aggregate answered).
 * @typedef {{ seconds: number } | { amount: number }} Budget
 */

/**
 * Closed-loop HTTP load: `connections` clients, each sending its next request when the
 * previous answer arrived, until the budget is spent.
 * @param {HttpTarget} target
 * @param {number} connections
 * @param {Budget} budget
 * @returns {Promise<Sample>}
 */
function http(target, connections, budget) {
  return new Promise((resolve, reject) => {
    /** @type {number[]} */
    const latencies = [];
    // Timed here, from the start to the last answer, as `sql` times its loops: autocannon
    // ends a round of requests on its one-second tick, so four answers of 100 ms at two
    // clients made 4 req/s instead of ~19.
    const started = performance.now();
    let last = started;
    const instance = autocannon({
      url: target.url,
      method: target.method ?? 'GET',
      headers: target.headers ?? {},
      ...(target.body === undefined ? {} : { body: target.body }),
      ...(target.nextBody ? { requests: [{ setupRequest: (/** @type {any} */ r) => ({ ...r, body: /** @type {() => string} */ (target.nextBody)() }) }] } : {}),
      connections,
      pipelining: 1,
      ...('amount' in budget ? { amount: budget.amount } : { duration: budget.seconds }),
      timeout: 60,
    }, (error, result) => {
      if (error) return reject(error);
      /** @type {Record<string, number>} */
      const failures = {};
      for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
        if (!status.startsWith('2')) failures[status] = stats.count ?? 0;
      }
      if (result.timeouts) failures.timeout = result.timeouts;
      if (result.errors) failures.socket = result.errors;
      resolve({ latencies, seconds: (last - started) / 1000, errors: result.errors + result.timeouts + result.non2xx, failures });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
      last = performance.now();
    });
  });
}

/**
 * Closed-loop load of one statement through a pg pool: `concurrency` loops, each sending the
 * statement again when its result arrived, until the budget is spent.
 * @param {import('pg').Pool} pool
 * @param {string} sql
 * @param {unknown[]} params
 * @param {number} concurrency
 * @param {Budget} budget
 * @returns {Promise<Sample>}
 */
async function sql(pool, sql, params, concurrency, budget) {
  /** @type {number[]} */
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const end = 'seconds' in budget ? started + budget.seconds * 1000 : Infinity;
  const amount = 'amount' in budget ? budget.amount : Infinity;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end && sent < amount) {
      sent += 1;
      const t = performance.now();
      try {
        await pool.query(sql, params);
        latencies.push(performance.now() - t);
      } catch {
        errors += 1;
      }
    }
  }));
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

/**
 * The same load with each statement wrapped as the api wraps a request: begin, the viewer's
 * settings, the statement, commit, on one connection. Tells the cost of the transaction
 * round trips apart from the cost of the api process.
 * @param {import('pg').Pool} pool
 * @param {{ text: string, values: unknown[] }} settings
 * @param {string} sql
 * @param {unknown[]} params
 * @param {number} concurrency
 * @param {Budget} budget
 * @returns {Promise<Sample>}
 */
async function sqlInTransaction(pool, settings, sql, params, concurrency, budget) {
  /** @type {number[]} */
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const end = 'seconds' in budget ? started + budget.seconds * 1000 : Infinity;
  const amount = 'amount' in budget ? budget.amount : Infinity;
  let sent = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end && sent < amount) {
      sent += 1;
      const t = performance.now();
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(settings.text, settings.values);
        await client.query(sql, params);
        await client.query('commit');
        latencies.push(performance.now() - t);
      } catch {
        errors += 1;
        await client.query('rollback').catch(() => undefined);
      } finally {
        client.release();
      }
    }
  }));
  return { latencies, seconds: (performance.now() - started) / 1000, errors };
}

/**
 * @param {Sample[]} samples
 * @returns {Sample}
 */
function pool(samples) {
  return {
    latencies: samples.flatMap((s) => s.latencies),
    seconds: samples.reduce((sum, s) => sum + s.seconds, 0),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    failures: samples.reduce((all, s) => {
      for (const [kind, n] of Object.entries(s.failures ?? {})) all[kind] = (all[kind] ?? 0) + n;
      return all;
    }, /** @type {Record<string, number>} */ ({})),
  };
}

/**
 * @typedef {object} Summary
 * @property {number} requests
 * @property {number} rps
 * @property {number} p50
 * @property {number} p95
 * @property {number} p99
 * @property {number} mean
 * @property {number} errors
 * @property {Record<string, number>} [failures]
 */

/** @param {number} x */
const round = (x) => Math.round(x * 100) / 100;

/**
 * @param {Sample} sample
 * @returns {Summary}
 */
function summarise(sample) {
  const sorted = [...sample.latencies].sort((a, b) => a - b);
  /** @param {number} q */
  const at = (q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN);
  return {
    requests: sorted.length,
    rps: round(sorted.length / sample.seconds),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
    errors: sample.errors,
    ...(Object.keys(sample.failures ?? {}).length > 0 ? { failures: sample.failures } : {}),
  };
}

/**
 * Runs two loads in alternating short rounds (A B B A A B …), so that drift of a shared,
 * noisy machine falls on both sides alike; then summarises each side's pooled rounds.
 * @param {() => Promise<Sample>} a
 * @param {() => Promise<Sample>} b
 * @param {{ rounds: number, warmup: () => Promise<void> }} options
 * @returns {Promise<{ a: Summary, b: Summary }>}
 */
async function interleaved(a, b, { rounds, warmup }) {
  await warmup();
  /** @type {Sample[]} */
  const as = [];
  /** @type {Sample[]} */
  const bs = [];
  for (let i = 0; i < rounds; i += 1) {
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return { a: summarise(pool(as)), b: summarise(pool(bs)) };
}

/**
 * One load with no counterpart (a figure against an absolute target): a warm-up, then
 * `rounds` rounds pooled.
 * @param {() => Promise<Sample>} a
 * @param {{ rounds: number, warmup: () => Promise<void> }} options
 * @returns {Promise<Summary>}
 */
async function repeated(a, { rounds, warmup }) {
  await warmup();
  /** @type {Sample[]} */
  const samples = [];
  for (let i = 0; i < rounds; i += 1) samples.push(await a());
  return summarise(pool(samples));
}

module.exports = { http, sql, sqlInTransaction, summarise, interleaved, repeated, round };
