import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { openDatabase, type Database } from '@risk/db';
import { createApp, type App } from '@risk/api/app';
import { readConfig } from '@risk/api/config';
import { TEST_PASSWORD } from './constants';
import { whenFree } from './db';

export interface GraphQLResult<T = any> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
  /** sqlStatements: how many SQL statements the request ran (api/src/app.ts). */
  extensions?: { sqlStatements?: number; [key: string]: unknown };
}

/** A POST /graphql with its HTTP status and x-request-id. */
export interface GraphQLResponse<T = any> {
  status: number;
  requestId: string | null;
  body: GraphQLResult<T>;
}

export interface TestApp {
  /** The app's own pool: in embedded mode the database admits one connection, so direct SQL goes through it. */
  db: Database;
  /** http://127.0.0.1:port, for requests other than GraphQL (tiles, healthz). */
  baseUrl: string;
  /** POST /graphql, as the public without a token. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  /** POST /graphql with extra headers, answering status and request id too. */
  post<T = any>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  /** The JSON log lines the app wrote, one per request. */
  logLines(): Record<string, any>[];
  /** Resolves when the audit records of every finished request are written. */
  auditSettled(): Promise<void>;
  /** The app's live updates (subscriptions over the WebSocket at /graphql). */
  live: App['live'];
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
  const db = await whenFree(() => openDatabase({
    databaseUrl: config.databaseUrl, readDatabaseUrls: config.readDatabaseUrls, dataDir: config.dataDir, poolSize: 4, connectTimeoutMs: config.connectTimeoutMs,
    singleConnection: process.env.TEST_DATABASE_MODE === 'embedded', timeZone: config.timeZone,
  }));
  let server: Server;
  let audit: App['audit'];
  let apollo: App['apollo'];
  let live: App['live'];
  let imports: App['imports'];
  // The app's log lines stay in memory: a test reads them, and the test output stays readable.
  const lines: string[] = [];
  try {
    ({ server, audit, apollo, live, imports } = await createApp(config, db, { logDestination: { write: (line: string) => { lines.push(line); } } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  } catch (error) {
    await db.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const url = `${baseUrl}/graphql`;
  const tokens = new Map<string, string>();

  const post = async <T>(query: string, variables: Record<string, unknown> = {},
    { token, headers = {} }: { token?: string; headers?: Record<string, string> } = {}): Promise<GraphQLResponse<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as GraphQLResult<T> };
  };
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResult<T>> =>
    (await post<T>(query, variables, { token })).body;

  return {
    db,
    baseUrl,
    gql,
    post,
    logLines: () => lines.map((line) => JSON.parse(line) as Record<string, any>),
    auditSettled: () => audit.settled(),
    live,
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
      // First: it closes the WebSockets, which would otherwise hold server.close() open.
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
      await imports.settled();
      await audit.settled();
      await db.close();
    },
  };
}

/** The `extensions.code` of a result's first error, or undefined when it succeeded. */
export function errorCode(result: GraphQLResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}
