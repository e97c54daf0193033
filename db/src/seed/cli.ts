import { parseArgs } from 'node:util';
import { readDbConfig } from '../config';
import { openDatabase } from '../database';
import { loadWorld } from './index';
import { copySink, insertSink } from './load';
import { DEMO_SCALE } from './world';

// `npm run seed -- --hazards 1000000 --enterprises 100000 --road-segments 10000` loads a
// generated world of any size into an empty database: the demo by default, benchmark
// volumes on request. A server is fed through COPY; the embedded database, whose socket
// speaks only the simple and extended query protocols, through batched inserts.

const USAGE = `usage: node db/dist/seed/cli.js [--hazards N] [--enterprises N] [--road-segments N]
                               [--seed N] [--today YYYY-MM-DD] [--password P] [--city CODE]
Loads generated data of a city or county-level unit (GB/T 2260 code: --city, else CITY_CODE,
else 430900 益阳市) into the empty database at DATABASE_URL (else the embedded .data/pglite).`;

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hazards: { type: 'string' }, enterprises: { type: 'string' }, 'road-segments': { type: 'string' },
      seed: { type: 'string' }, today: { type: 'string' }, password: { type: 'string' }, city: { type: 'string' }, help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new Error('--today must be YYYY-MM-DD');
  const scale = {
    hazards: count(values.hazards, DEMO_SCALE.hazards, 'hazards'),
    enterprises: count(values.enterprises, DEMO_SCALE.enterprises, 'enterprises'),
    roadSegments: count(values['road-segments'], DEMO_SCALE.roadSegments, 'road-segments'),
  };
  const seed = count(values.seed, 4309, 'seed');
  const password = values.password ?? 'demo-password';
  const config = readDbConfig(values.city === undefined ? process.env : { ...process.env, CITY_CODE: values.city });
  const db = await openDatabase({ ...config, log: (line) => console.log(line) });
  const client = await db.pool.connect();
  try {
    const server = db.mode === 'server';
    const started = Date.now();
    const lastReport = new Map<string, number>();
    const summary = await loadWorld(client, scale, {
      seed, password, cityCode: config.cityCode, ...(values.today ? { today: values.today } : {}),
      sink: server ? copySink : insertSink,
      batchSize: server ? 50_000 : 5_000,
      log: (line) => console.log(line),
      progress: (table, loaded) => {
        // One line per table every few seconds: enough to watch a million rows go in.
        const now = Date.now();
        if (now - (lastReport.get(table) ?? 0) < 5_000) return;
        lastReport.set(table, now);
        const seconds = (now - started) / 1000;
        console.log(`${table}: ${loaded} rows after ${seconds.toFixed(0)} s`);
      },
    });
    if (!summary) throw new Error('the database already holds data: load into a fresh database (createdb) or a new data directory');
    console.log(`seed ${seed}: ${summary.towns} towns, ${summary.enterprises} enterprises, ${summary.roadSegments} road segments, `
      + `${summary.hazards} hazards in ${((Date.now() - started) / 1000).toFixed(1)} s (${db.mode})`);
    for (const u of summary.users) {
      console.log(`  ${u.username.padEnd(10)} ${u.role.padEnd(10)} ${u.jurisdictionName ?? ''} ${u.department ?? ''} ${u.enterpriseName ?? ''}`);
    }
    console.log(`demo users' password: ${password}`);
  } finally {
    client.release();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
