import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbedded } from '@risk/db';

export interface FreshDatabase {
  connectionString: string;
  drop(): Promise<void>;
}

/**
 * An empty database of the same kind as the test database: a new database on the server in
 * server mode, a new PGlite in embedded mode.
 */
export async function freshDatabase(): Promise<FreshDatabase> {
  if (process.env.TEST_DATABASE_MODE === 'server') {
    const admin = new URL(process.env.TEST_DATABASE_URL!);
    const name = `risk_fresh_${process.pid}_${Date.now()}`;
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin.toString());
    url.pathname = `/${name}`;
    return {
      connectionString: url.toString(),
      async drop() {
        const dropper = new pg.Client({ connectionString: admin.toString() });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const server = await startEmbedded(mkdtempSync(join(tmpdir(), 'risk-fresh-')));
  return { connectionString: server.connectionString, drop: () => server.stop() };
}
