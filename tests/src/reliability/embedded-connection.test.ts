import { mkdtempSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isConnectionLoss, openDatabase, type Database } from '@risk/db';
import { createApp } from '@risk/api/app';
import { RequestDb } from '@risk/api/common/request-db';
import { PUBLIC_VIEWER } from '@risk/api/common/viewer';
import { readConfig } from '@risk/api/config';

// The embedded database lives in the api's process: it cannot be restarted under the api
// (database-restart.test.ts does that to a server). What can happen to it is that its socket
// server drops the connection of the api's pool of one; the pool must then connect again.
// This file makes an embedded database of its own in either test mode.

const COUNT = '{ hazards(first: 1) { totalCount } }';

let db: Database;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const config = readConfig({ ...process.env, DATABASE_URL: '', PGLITE_DATA_DIR: mkdtempSync(join(tmpdir(), 'risk-drop-')), PORT: '0', DEMO_DATA: 'false' });
  db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  ({ server } = await createApp(config, db));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await db?.close();
});

async function count(): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: COUNT }),
  });
  return { status: response.status, body: await response.json() };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('the embedded database when its socket server drops the connection', () => {
  it('is connected to again by the pool of one: the next request is served and /healthz says up', async () => {
    expect((await count()).status).toBe(200);
    await db.embedded!.dropConnections();
    // The pool learns of the loss from the socket's end, then checks the database again.
    await sleep(200);
    expect(await count()).toMatchObject({ status: 200, body: { data: { hazards: { totalCount: 0 } } } });
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as any).database).toMatchObject({ mode: 'embedded', state: 'up' });
  });

  // pglite-socket 0.2.11 keeps the slot of a connection that broke under it (db/src/embedded.ts).
  it('frees the one slot of a connection that was reset, so that the pool connects again', async () => {
    const client = await db.pool.connect();
    const lost = new Promise((done) => client.once('error', done));
    (client as unknown as { connection: { stream: Socket } }).connection.stream.resetAndDestroy();
    await lost;
    client.release(new Error('reset'));
    await sleep(200);
    expect(await count()).toMatchObject({ status: 200, body: { data: { hazards: { totalCount: 0 } } } });
  });

  it('fails a request whose transaction was open as unavailable, rolls it back, and serves the next', async () => {
    const request = new RequestDb(db.pool, PUBLIC_VIEWER);
    await request.query("select set_config('app.dropped', 'yes', true)");
    await db.embedded!.dropConnections();
    const lost = await request.query('select 1').then(() => undefined, (error: unknown) => error);
    expect(isConnectionLoss(lost)).toBe(true);
    await expect(request.finish(false)).resolves.toBeUndefined();

    const next = new RequestDb(db.pool, PUBLIC_VIEWER);
    // Inside the dropped transaction the setting would still read 'yes'.
    const [row] = await next.query<{ dropped: string | null }>("select current_setting('app.dropped', true) as dropped");
    expect(row!.dropped ?? '').toBe('');
    await next.finish(true);
  });
});
