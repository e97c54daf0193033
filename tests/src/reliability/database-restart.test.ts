import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import { isConnectionLoss } from '@risk/db';
import { clientExtensions, fromPostgres } from '@risk/api/common/errors';
import { TEST_PASSWORD, TEST_SEED } from '../support/constants';
import { scopeOf } from '../support/hazard-fixtures';
import { canMakeCluster, startCluster, type PgCluster } from '../support/pg-cluster';

// The api as its own process (api/dist, built by `npm test`) over a PostgreSQL cluster of this
// file's own, which is restarted and stopped under write load. Only a server can be restarted
// under the api (the embedded database lives in the api's process: embedded-connection.test.ts),
// and only where PostgreSQL 15's initdb and pg_ctl are installed, as in CI.

const MAIN = resolve(__dirname, '..', '..', '..', 'api', 'dist', 'main.js');
const REPORT = 'mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }';
const LOAD_CLIENTS = 4;
/** Bounds of the write load: per client, and for the whole test. */
const MAX_REPORTS_PER_CLIENT = 2000;
const LOAD_LIMIT_MS = 90_000;
const OUTAGE_MS = 10_000;
/** The acceptance bound: the api serves again within 5 s of the database's return. */
const BACK_WITHIN_MS = 5_000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One answer of the api to a write. */
interface Answer {
  sentAt: number;
  receivedAt: number;
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  /** The new hazard's id when the write was acknowledged (200 and an id). */
  id: string | undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Polls `check` every 100 ms until it holds; fails after `withinMs`, naming `what`. */
async function until(what: string, withinMs: number, check: () => boolean | Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await sleep(100);
  }
}

let cluster: PgCluster;
let api: ChildProcess;
let baseUrl: string;
const apiOutput: string[] = [];

async function startApi(databaseUrl: string): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port),
      DEMO_DATA: 'true', DEMO_SEED: String(TEST_SEED), DEMO_PASSWORD: TEST_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (chunk: Buffer) => apiOutput.push(chunk.toString()));
  api.stderr!.on('data', (chunk: Buffer) => apiOutput.push(chunk.toString()));
  // Migrating and loading the demo data into the new database: 15 s on an idle machine,
  // minutes on a busy one.
  await until('the api serving /healthz', 300_000, async () => {
    if (api.exitCode !== null) throw new Error(`the api stopped while starting:\n${apiOutput.join('')}`);
    return (await fetch(`${baseUrl}/healthz`).catch(() => undefined))?.status === 200;
  });
}

async function post(query: string, variables: Record<string, unknown>, token?: string): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function healthz(): Promise<{ status: number; retryAfter: string | null; body: any }> {
  const response = await fetch(`${baseUrl}/healthz`);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

describe('a lost database connection', () => {
  it('is a database that cannot be reached, answered SERVICE_UNAVAILABLE', async () => {
    const nobody = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/postgres` });
    const refused = await nobody.connect().then(() => undefined, (error: unknown) => error);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    expect(isConnectionLoss(refused)).toBe(true);
    expect(clientExtensions(fromPostgres(refused as Error)!)).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
  });

  // A server ends a session on request; PGlite is a single session that must not end.
  if (process.env.TEST_DATABASE_MODE === 'server') {
    it('is a session the server ended (57P01, as a fast shutdown does), unlike a statement it refused', async () => {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      client.on('error', () => undefined);
      await client.connect();
      try {
        const refused = await client.query('select 1 / 0').then(() => undefined, (error: unknown) => error);
        expect(refused).toMatchObject({ code: '22012' });
        expect(isConnectionLoss(refused)).toBe(false);
        const ended = await client.query('select pg_terminate_backend(pg_backend_pid())').then(() => undefined, (error: unknown) => error);
        expect(ended).toMatchObject({ code: '57P01' });
        expect(isConnectionLoss(ended)).toBe(true);
      } finally {
        await client.end().catch(() => undefined);
      }
    });
  }
});

// Defined only where a cluster can be made, as the ST_AsMVT comparison exists only where
// ST_AsMVT does (tiles/node-encoder.test.ts); CI's server mode has both.
if (canMakeCluster && process.env.TEST_DATABASE_MODE === 'server') {
  describe('the api while its PostgreSQL restarts and stops for 10 s under write load', () => {
    beforeAll(async () => {
      cluster = await startCluster();
      const admin = new pg.Client({ connectionString: cluster.url('postgres') });
      await admin.connect();
      await admin.query('create database risk_reliability');
      await admin.end();
      await startApi(cluster.url('risk_reliability'));
    }, 330_000);

    afterAll(async () => {
      if (api && api.exitCode === null) {
        const exited = new Promise((done) => api.once('exit', done));
        api.kill('SIGTERM');
        await exited;
      }
      await cluster?.remove();
    });

    it('keeps running, answers 503 while the database is away, serves again within 5 s, and loses no acknowledged write', async () => {
      const setup = new pg.Pool({ connectionString: cluster.url('risk_reliability'), max: 1 });
      const town = await scopeOf(setup, 'town').finally(() => setup.end());
      const login = await post('mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
        { u: 'town', p: TEST_PASSWORD });
      const token: string = login.body.data.login.token;

      const answers: Answer[] = [];
      let stopLoad = false;
      const loadEnds = Date.now() + LOAD_LIMIT_MS;
      const writer = async (client: number) => {
        for (let i = 0; i < MAX_REPORTS_PER_CLIENT && !stopLoad && Date.now() < loadEnds; i += 1) {
          const sentAt = Date.now();
          // A failed fetch (the api gone) fails the test: the process must keep running.
          const { status, headers, body } = await post(REPORT, { input: {
            description: `可靠性测试 ${client}-${i}`, level: 'GENERAL', sector: town.sector, source: 'SUPERVISION',
            location: { lng: town.lng, lat: town.lat },
          } }, token);
          answers.push({
            sentAt, receivedAt: Date.now(), status, code: body.errors?.[0]?.extensions?.code,
            retryAfter: headers.get('retry-after'), id: status === 200 ? body.data?.reportHazard?.id : undefined,
          });
          await sleep(20);
        }
      };
      const load = Promise.all(Array.from({ length: LOAD_CLIENTS }, (_, client) => writer(client)));
      const acknowledgedAfter = (moment: number) => answers.some((a) => a.id !== undefined && a.sentAt >= moment);

      try {
        await until('writes acknowledged before the restart', 10_000, () => acknowledgedAfter(0));

        await cluster.restart();
        const restartedAt = Date.now();
        await until('a write acknowledged after the restart', BACK_WITHIN_MS, () => acknowledgedAfter(restartedAt));
        await until('/healthz reporting the database up again', BACK_WITHIN_MS, async () => (await healthz()).status === 200);

        await cluster.stop();
        const downAt = Date.now();
        await until('/healthz reporting the database down', 3_000, async () => (await healthz()).status === 503);
        const health = await healthz();
        expect(health).toMatchObject({ status: 503, retryAfter: '5', body: { status: 'unavailable', database: { mode: 'server', state: 'down' } } });
        expect(Date.parse(health.body.database.since)).toBeGreaterThanOrEqual(downAt - 1000);
        const read = await post('{ hazards(first: 1) { totalCount } }', {}, token);
        expect({ status: read.status, code: read.body.errors?.[0]?.extensions?.code, retryAfter: read.headers.get('retry-after') })
          .toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });
        const tile = await fetch(`${baseUrl}/tiles/hazards/8/207/106.mvt`, { headers: { authorization: `Bearer ${token}` } });
        expect({ status: tile.status, code: ((await tile.json()) as any).errors?.[0]?.extensions?.code, retryAfter: tile.headers.get('retry-after') })
          .toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });
        await sleep(downAt + OUTAGE_MS - Date.now());

        const startingAt = Date.now();
        await cluster.start();
        const backAt = Date.now();
        await until('a write acknowledged after the database returned', BACK_WITHIN_MS, () => acknowledgedAfter(backAt));
        await until('/healthz reporting the database up', BACK_WITHIN_MS - (Date.now() - backAt),
          async () => (await healthz()).status === 200);
        await sleep(500);
        stopLoad = true;
        await load;

        const during = answers.filter((a) => a.sentAt >= downAt && a.receivedAt <= startingAt);
        expect(during.length).toBeGreaterThan(10);
        expect(during.filter((a) => a.status !== 503 || a.code !== 'SERVICE_UNAVAILABLE' || a.retryAfter !== '5')).toEqual([]);
        // Around the restart and the stop a write either went through or was refused as unavailable.
        expect(answers.filter((a) => a.id === undefined && (a.status !== 503 || a.code !== 'SERVICE_UNAVAILABLE'))).toEqual([]);
      } finally {
        stopLoad = true;
        await load.catch(() => undefined);
      }

      const acknowledged = answers.flatMap((a) => (a.id === undefined ? [] : [Number(a.id)]));
      expect(acknowledged.length).toBeGreaterThan(20);
      const check = new pg.Client({ connectionString: cluster.url('risk_reliability') });
      await check.connect();
      try {
        const { rows } = await check.query<{ id: string }>('select id from hazards where id = any($1::bigint[])', [acknowledged]);
        expect(rows.length).toBe(new Set(acknowledged).size);
      } finally {
        await check.end();
      }
      expect(api.exitCode).toBeNull();
      expect(apiOutput.join('')).not.toMatch(/uncaught exception|unhandled promise rejection/);
    }, 110_000);
  });
}
