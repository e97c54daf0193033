import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, readMigrations, type Database } from '@risk/db';
import { createApp } from '@risk/api/app';
import { readConfig } from '@risk/api/config';
import type { PoolClient } from 'pg';
import { startTestApp, type TestApp } from '../support/app';

async function healthOf(env: NodeJS.ProcessEnv): Promise<{ status: number; body: any }> {
  const config = readConfig({ ...env, PORT: '0', DEMO_DATA: 'false' });
  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const { server } = await createApp(config, db);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: response.status, body: await response.json() };
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await db?.close();
  }
}

describe('GET /healthz', () => {
  it('reports the embedded mode, PostGIS and the migration level when no DATABASE_URL is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'risk-health-'));
    const { status, body } = await healthOf({ PGLITE_DATA_DIR: dataDir });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      database: {
        mode: 'embedded', state: 'up', since: expect.any(String), postgis: expect.stringMatching(/^3\.\d+/), migrationLevel: readMigrations().length,
      },
    });
    // A new PGlite with PostGIS and every migration: over two minutes on a busy 2-core machine.
  }, 240_000);

  it('reports the server mode when DATABASE_URL points at a PostgreSQL server', async () => {
    const { status, body } = await healthOf({ DATABASE_URL: process.env.TEST_DATABASE_URL, JWT_SECRET: process.env.JWT_SECRET });
    expect(status).toBe(200);
    expect(body.database).toEqual({
      mode: 'server', state: 'up', since: expect.any(String), postgis: expect.stringMatching(/^3\.\d+/), migrationLevel: readMigrations().length,
    });
  });

  describe('while every connection of the pool is busy', () => {
    let app: TestApp;
    let held: PoolClient[] = [];
    beforeAll(async () => {
      app = await startTestApp({ DB_CONNECT_TIMEOUT_MS: '500' });
      held = await Promise.all(Array.from({ length: app.db.apiPool.options.max }, () => app.db.apiPool.connect()));
    });
    afterAll(async () => {
      for (const client of held) client.release();
      await app.close();
    });

    // The acceptance bound of issue 9: a health check must not queue behind the requests (a
    // queued one would wait for ever here, or fail after DB_CONNECT_TIMEOUT_MS). The median of
    // five, after one that warms the test's own HTTP client, so a busy machine's one stall
    // does not decide.
    it('still answers within 100 ms that the database is up', async () => {
      await fetch(`${app.baseUrl}/healthz`);
      const elapsed: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const started = performance.now();
        const response = await fetch(`${app.baseUrl}/healthz`);
        const body = (await response.json()) as any;
        elapsed.push(performance.now() - started);
        expect({ status: response.status, state: body.database.state }).toEqual({ status: 200, state: 'up' });
      }
      expect(elapsed.sort((a, b) => a - b)[2]).toBeLessThan(100);
    });

    // The embedded database's one connection may rightly be held long by one slow request:
    // there a request waits for it (api/src/config.ts, DB_CONNECT_TIMEOUT_MS).
    if (process.env.TEST_DATABASE_MODE === 'server') {
      it('answers a request that gets no connection in time 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
        const response = await fetch(`${app.baseUrl}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ hazards(first: 1) { totalCount } }' }),
        });
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(((await response.json()) as any).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      });
    }
  });
});

describe('configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => readConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('takes an empty variable as unset, as exporting .env.example gives', () => {
    const config = readConfig({ JWT_SECRET: 'an-operator-chosen-signing-key-of-40-chars', DATABASE_URL: '', PORT: '', PGLITE_DATA_DIR: '' });
    expect(config).toMatchObject({ developmentMode: true, jwtSecretFile: undefined, databaseUrl: undefined, port: 4000 });
    expect(config.dataDir).toMatch(/\.data[\\/]pglite$/);
  });
});
