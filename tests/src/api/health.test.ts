import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, readMigrations, type Database } from '@risk/db';
import { createApp } from '@risk/api/app';
import { readConfig } from '@risk/api/config';

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
      database: { mode: 'embedded', postgis: expect.stringMatching(/^3\.\d+/), migrationLevel: readMigrations().length },
    });
  });

  it('reports the server mode when DATABASE_URL points at a PostgreSQL server', async () => {
    const { status, body } = await healthOf({ DATABASE_URL: process.env.TEST_DATABASE_URL, JWT_SECRET: process.env.JWT_SECRET });
    expect(status).toBe(200);
    expect(body.database).toEqual({ mode: 'server', postgis: expect.stringMatching(/^3\.\d+/), migrationLevel: readMigrations().length });
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
