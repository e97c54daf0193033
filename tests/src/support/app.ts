import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { openDatabase, type Database } from '@risk/db';
import { createApp } from '@risk/api/app';
import { readConfig } from '@risk/api/config';
import { TEST_PASSWORD } from './constants';
import { whenFree } from './db';

export interface GraphQLResult<T = any> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
  /** sqlStatements: how many SQL statements the request ran (api/src/app.ts). */
  extensions?: { sqlStatements?: number; [key: string]: unknown };
}

export interface TestApp {
  /** The app's own pool: in embedded mode the database admits one connection, so direct SQL goes through it. */
  db: Database;
  /** http://127.0.0.1:port, for requests other than GraphQL (tiles, healthz). */
  baseUrl: string;
  /** POST /graphql, as the public without a token. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  /** A bearer token of a demo user (password TEST_PASSWORD). */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The api in-process on a free port over the test database, without loading demo data
 * (the global setup did). `env` overrides configuration, e.g. PUBLIC_REPORTS_PER_HOUR.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = readConfig({ ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, DEMO_DATA: 'false', PORT: '0', ...env });
  // One connection against the embedded database, which turns a second one away: concurrent
  // requests (a browser loading a page) then queue for it instead of failing.
  const poolSize = process.env.TEST_DATABASE_MODE === 'embedded' ? 1 : 4;
  const db = await whenFree(() => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize, timeZone: config.timeZone }));
  let server: Server;
  try {
    ({ server } = await createApp(config, db));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  } catch (error) {
    await db.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const url = `${baseUrl}/graphql`;
  const tokens = new Map<string, string>();

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };

  return {
    db,
    baseUrl,
    gql,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const result = await gql<{ login: { token: string } }>(
        'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: TEST_PASSWORD });
      if (!result.data?.login) throw new Error(`login of ${username} failed: ${JSON.stringify(result.errors)}`);
      tokens.set(username, result.data.login.token);
      return result.data.login.token;
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    },
  };
}

/** The `extensions.code` of a result's first error, or undefined when it succeeded. */
export function errorCode(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
