import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from './migrate';

/**
 * The committed schema dump: migrations are append-only, so a function redefined three times
 * is spread over three files; this one file shows the schema as it is now.
 */
export const schemaFile = join(__dirname, '..', 'schema.sql');

/**
 * `pg_dump --schema-only` of a database, without what changes from run to run: the server's
 * and pg_dump's versions and the random keys of the \restrict guard lines.
 */
export function dumpSchema(connectionString: string): string {
  const dump = execFileSync('pg_dump', ['--schema-only', '--no-owner', '--dbname', connectionString], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return dump
    .split('\n')
    .filter((line) => !/^-- Dumped (from|by)/.test(line) && !/^\\(un)?restrict /.test(line))
    .join('\n');
}

/**
 * Migrates a new, empty database on the server behind `serverUrl` (one whose user may create
 * databases) and returns its dump; the database is dropped afterwards.
 */
export async function dumpMigratedSchema(serverUrl: string): Promise<string> {
  const name = `risk_schema_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
    return dumpSchema(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}
