import { resolve } from 'node:path';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '@risk/db';
import { parseRiskWeights, type RiskWeights } from './stats/risk-score';

/** Everything the api process reads from its environment, validated once at start. */
export interface Config {
  port: number;
  /** Absent: the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  statementTimeoutMs: number;
  /** Server mode: how long a request waits for a database connection before SERVICE_UNAVAILABLE. */
  connectTimeoutMs: number;
  jwtSecret: Uint8Array;
  /** True when JWT_SECRET is unset and the published development key signs tokens. */
  developmentJwtSecret: boolean;
  jwtTtlSeconds: number;
  demoData: boolean;
  demoSeed: number;
  demoPassword: string;
  /** Where the built web app lies; served at `/` when it exists. */
  webDist: string;
  /** Public hazard reports allowed per client and hour. */
  publicReportsPerHour: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Weights of the jurisdiction risk score (api/src/stats/risk-score.ts). */
  riskScoreWeights: RiskWeights;
  /**
   * Keep made tiles in the in-process cache (api/src/tiles/tile-cache.ts). Off only to
   * measure the uncached path (bench/): every request then runs its tile statement.
   */
  tileCache: boolean;
  /** Reuse aggregate results (AGGREGATE_CACHE); false measures the uncached path. */
  aggregateCache: boolean;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`configuration: ${variable} ${problem}`);
  }
}

const repoRoot = resolve(__dirname, '..', '..');

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user@host:port/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres://, got ${url.protocol}//`);
  }
  return raw;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function riskWeights(env: NodeJS.ProcessEnv): RiskWeights {
  try {
    return parseRiskWeights(env.RISK_SCORE_WEIGHTS);
  } catch (error) {
    throw new ConfigError('RISK_SCORE_WEIGHTS', (error as Error).message);
  }
}

/** The demo password printed at start when DEMO_PASSWORD is not set. */
export const DEFAULT_DEMO_PASSWORD = 'yiyang-demo';
/** Signing key used when JWT_SECRET is not set: fine for the demo, never for production. */
const DEV_JWT_SECRET = 'development-only-secret-change-me-0123456789';

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty counts as unset, as for every variable here (an exported blank line of .env.example).
  const secret = env.JWT_SECRET || DEV_JWT_SECRET;
  if (secret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  return {
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl: databaseUrl(env),
    dataDir: resolve(env.PGLITE_DATA_DIR || resolve(repoRoot, '.data', 'pglite')),
    poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 15000, 100, 600000),
    connectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS, 100, 600000),
    jwtSecret: new TextEncoder().encode(secret),
    developmentJwtSecret: !env.JWT_SECRET,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    demoData: boolean(env, 'DEMO_DATA', true),
    demoSeed: integer(env, 'DEMO_SEED', 4309, 0, 2 ** 31 - 1),
    demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    webDist: resolve(env.WEB_DIST || resolve(repoRoot, 'web', 'dist')),
    publicReportsPerHour: integer(env, 'PUBLIC_REPORTS_PER_HOUR', 5, 1, 10000),
    maxQueryDepth: integer(env, 'MAX_QUERY_DEPTH', 8, 2, 50),
    maxQueryCost: integer(env, 'MAX_QUERY_COST', 50000, 100, 10000000),
    riskScoreWeights: riskWeights(env),
    tileCache: boolean(env, 'TILE_CACHE', true),
    aggregateCache: boolean(env, 'AGGREGATE_CACHE', true),
  };
}
