import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedded, type EmbeddedServer } from '@risk/db';
import { prepareTestDatabase } from './test-database';

declare global {
  // eslint-disable-next-line no-var
  var __embeddedTestServer: EmbeddedServer | undefined;
}

/**
 * Uses TEST_DATABASE_URL when set (CI: Debian's PostgreSQL 15 + PostGIS 3); otherwise starts
 * an embedded PGlite for this run, so `npm test` passes on a fresh machine. Either way the
 * database is migrated and holds the Yiyang demo data before the first test.
 */
export default async function globalSetup(): Promise<void> {
  // The test apps run against a database URL, which is not development mode: they need a
  // signing key of their own (api/src/config.ts), the same for every file of the run.
  process.env.JWT_SECRET ||= randomBytes(32).toString('base64url');
  if (!process.env.TEST_DATABASE_URL) {
    const server = await startEmbedded(mkdtempSync(join(tmpdir(), 'risk-test-')), (line) => console.log(line));
    globalThis.__embeddedTestServer = server;
    process.env.TEST_DATABASE_URL = server.connectionString;
    process.env.TEST_DATABASE_MODE = 'embedded';
  } else {
    process.env.TEST_DATABASE_MODE = 'server';
  }
  await prepareTestDatabase(process.env.TEST_DATABASE_URL);
}
