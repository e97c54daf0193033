import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { API_LOGIN_ROLE, cityCodeOf, DEFAULT_CONNECT_TIMEOUT_MS, UnknownPlaceError } from '@risk/db';
import { readChaseConfig, type ChaseConfig } from './chase/chase.config';
import { parseZoneShares, type ZoneShares } from './stats/ranking-zone';
import { parseRiskWeights, type RiskWeights } from './stats/risk-score';

/** Everything the api process reads from its environment, validated once at start. */
export interface Config {
  port: number;
  /** The schema owner's connection (migrations, demo data). Absent: the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** The requests' connection as risk_api (API_DATABASE_URL); absent: derived from databaseUrl. */
  apiDatabaseUrl: string | undefined;
  /** Streaming standbys for the reads (READ_DATABASE_URL, comma-separated, as the owner); empty: all on the primary. */
  readDatabaseUrls: string[];
  dataDir: string;
  poolSize: number;
  statementTimeoutMs: number;
  /**
   * Development mode: NODE_ENV is not `production` and DATABASE_URL is unset, i.e. the
   * embedded demo on one machine. Only there may JWT_SECRET be left unset.
   */
  developmentMode: boolean;
  /** Server mode: how long a request waits for a database connection before SERVICE_UNAVAILABLE. */
  connectTimeoutMs: number;
  jwtSecret: Uint8Array;
  /** Where the generated development secret is kept; undefined when JWT_SECRET is set. */
  jwtSecretFile: string | undefined;
  jwtTtlSeconds: number;
  demoData: boolean;
  demoSeed: number;
  demoPassword: string;
  /**
   * CITY_CODE: the GB/T 2260 code of the city (or county-level unit) whose counties and towns
   * an empty database is set up with, demo data or not; 430900 益阳市 by default.
   */
  cityCode: string;
  /** Where the built web app lies; served at `/` when it exists. */
  webDist: string;
  /** A TrueType font (or collection) with Chinese glyphs, subset into briefing PDFs (CJK_FONT). */
  cjkFont: string;
  /** Public hazard reports allowed per client and hour. */
  publicReportsPerHour: number;
  /** Failed sign-ins allowed per username (from any client) within 15 minutes. */
  signInFailuresPerUser: number;
  /** Failed sign-ins allowed per client address (any usernames) within 15 minutes. */
  signInFailuresPerClient: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Aliases per operation, fragments counted each time they are spread. */
  maxQueryAliases: number;
  /** Tokens of a GraphQL document; the parser stops at this count. */
  maxQueryTokens: number;
  /** Heavy requests (aggregates, low-zoom tiles) one viewer may have running at once. */
  heavyRequestsPerViewer: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Weights of the jurisdiction risk score (api/src/stats/risk-score.ts). */
  riskScoreWeights: RiskWeights;
  /** 红区/蓝区 shares of the ranking (RANKING_ZONES). */
  rankingZones: ZoneShares;
  /**
   * Keep made tiles in the in-process cache (api/src/tiles/tile-cache.ts). Off only to
   * measure the uncached path (bench/): every request then runs its tile statement.
   */
  tileCache: boolean;
  /** Reuse aggregate results (AGGREGATE_CACHE); false measures the uncached path. */
  aggregateCache: boolean;
  /** The deployment's time zone: "today", and so overdue, is the date there (app.today()). */
  timeZone: string;
  /** Where clients reach the api (PUBLIC_URL, no trailing slash): TileJSON's tile URLs, never the Host header. */
  publicUrl: string;
  /** Origins of an external base map, allowed by the Content-Security-Policy (BASE_MAP_ORIGINS). */
  baseMapOrigins: string[];
  /** Reminders, escalation and webhook delivery (docs/chasing.md). */
  chase: ChaseConfig;
  /** Largest file of an upload (MAX_ATTACHMENT_BYTES), in bytes; uploads are not bound by maxBodyBytes. */
  maxAttachmentBytes: number;
  /** Largest upload request, all its files together (MAX_UPLOAD_BYTES), in bytes. */
  maxUploadBytes: number;
  /** Largest ledger file to import (MAX_IMPORT_BYTES), in bytes. */
  maxImportBytes: number;
  /** AFTER_PHOTO_REQUIRED, kept in app.deployment: passing a major hazard needs an "after" photo. Unset keeps the stored one. */
  afterPhotoRequired: boolean | undefined;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`configuration: ${variable} ${problem}`);
  }
}

const repoRoot = resolve(__dirname, '..', '..');

/** CITY_CODE, which must name a city or county-level unit of the extract (db/data/README.md). */
function cityCode(env: NodeJS.ProcessEnv): string {
  try {
    return cityCodeOf(env);
  } catch (error) {
    if (error instanceof UnknownPlaceError) throw new ConfigError('CITY_CODE', `is not usable: ${error.message}`);
    throw error;
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function postgresUrl(env: NodeJS.ProcessEnv, name: string): URL | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a URL (expected postgres://user@host:port/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must start with postgres://, got ${url.protocol}//`);
  }
  return url;
}

/**
 * API_DATABASE_URL: the api's requests log in as risk_api, whose sessions alone may set a
 * scope (db/CONVENTIONS.md); another user would be refused at the first request.
 */
function apiDatabaseUrl(env: NodeJS.ProcessEnv, owner: URL | undefined): string | undefined {
  const url = postgresUrl(env, 'API_DATABASE_URL');
  if (!url) return undefined;
  if (!owner) throw new ConfigError('API_DATABASE_URL', 'needs DATABASE_URL (the embedded database has a single user)');
  if (decodeURIComponent(url.username) !== API_LOGIN_ROLE) {
    throw new ConfigError('API_DATABASE_URL', `must log in as ${API_LOGIN_ROLE}, got "${decodeURIComponent(url.username)}"`);
  }
  return url.toString();
}

/**
 * READ_DATABASE_URL: read replicas of DATABASE_URL, comma-separated, with the owner's user
 * (the api reads there as risk_api and checks the replica's schema as the owner).
 */
function readDatabaseUrls(env: NodeJS.ProcessEnv, owner: URL | undefined): string[] {
  const raw = env.READ_DATABASE_URL;
  if (raw === undefined || raw === '') return [];
  if (!owner) throw new ConfigError('READ_DATABASE_URL', 'needs DATABASE_URL (the embedded database has no replicas)');
  return raw.split(',').map((one, index) => postgresUrl({ [`READ_DATABASE_URL[${index}]`]: one.trim() }, `READ_DATABASE_URL[${index}]`)!.toString());
}

function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  if (url.search || url.hash) throw new ConfigError(name, 'must have no query or fragment');
  return url.toString().replace(/\/+$/, '');
}

function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  return raw.split(/\s+/).map((origin) => {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(name, `lists origins such as https://t0.tianditu.gov.cn, got "${origin}"`);
    }
    return url.origin;
  });
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function timeZone(env: NodeJS.ProcessEnv): string {
  const zone = env.TIME_ZONE || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ConfigError('TIME_ZONE', `must be an IANA time zone such as Asia/Shanghai, got "${zone}"`);
  }
  return zone;
}

function riskWeights(env: NodeJS.ProcessEnv): RiskWeights {
  try {
    return parseRiskWeights(env.RISK_SCORE_WEIGHTS);
  } catch (error) {
    throw new ConfigError('RISK_SCORE_WEIGHTS', (error as Error).message);
  }
}

function zoneShares(env: NodeJS.ProcessEnv): ZoneShares {
  try {
    return parseZoneShares(env.RANKING_ZONES);
  } catch (error) {
    throw new ConfigError('RANKING_ZONES', (error as Error).message);
  }
}

/** The demo password printed at start when DEMO_PASSWORD is not set. */
export const DEFAULT_DEMO_PASSWORD = 'yiyang-demo';
/**
 * The signing key that earlier versions used when JWT_SECRET was unset. It is published in
 * this repository's history, so anyone can sign tokens with it: refused as JWT_SECRET.
 */
export const PUBLISHED_DEVELOPMENT_KEY = 'development-only-secret-change-me-0123456789';

/**
 * The development secret: generated once, kept beside the embedded database (readable by
 * its owner only) and reused, so a restart keeps everyone signed in. A new data directory
 * gets a new secret.
 */
function developmentSecret(file: string): string {
  try {
    const { mode } = statSync(file);
    // eslint-disable-next-line no-bitwise
    if ((mode & 0o077) !== 0) throw new ConfigError('JWT_SECRET', `is unset and ${file} is readable by others; chmod 600 it`);
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  try {
    // wx: two processes starting at once must not overwrite each other's secret.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}

interface Secret {
  value: string;
  file: string | undefined;
}

function jwtSecret(env: NodeJS.ProcessEnv, developmentMode: boolean, dataDir: string): Secret {
  // Empty counts as unset, as for every variable here (an exported blank line of .env.example).
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
    if (env.JWT_SECRET === PUBLISHED_DEVELOPMENT_KEY) {
      throw new ConfigError('JWT_SECRET', 'is the development key published in this repository; generate your own (openssl rand -base64 32)');
    }
    return { value: env.JWT_SECRET, file: undefined };
  }
  if (!developmentMode) {
    throw new ConfigError('JWT_SECRET',
      'must be set (at least 32 characters, e.g. openssl rand -base64 32) when NODE_ENV is production or DATABASE_URL is set');
  }
  const file = `${dataDir}.jwt-secret`;
  mkdirSync(dirname(file), { recursive: true });
  const value = developmentSecret(file);
  if (value.length < 32) throw new ConfigError('JWT_SECRET', `is unset and ${file} holds no usable key (under 32 characters); delete it`);
  return { value, file };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const ownerUrl = postgresUrl(env, 'DATABASE_URL');
  const url = ownerUrl && env.DATABASE_URL;
  const dataDir = resolve(env.PGLITE_DATA_DIR || resolve(repoRoot, '.data', 'pglite'));
  const developmentMode = env.NODE_ENV !== 'production' && url === undefined;
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const config: Omit<Config, 'jwtSecret' | 'jwtSecretFile'> = {
    port,
    databaseUrl: url,
    apiDatabaseUrl: apiDatabaseUrl(env, ownerUrl),
    readDatabaseUrls: readDatabaseUrls(env, ownerUrl),
    dataDir,
    poolSize: integer(env, 'DB_POOL_SIZE', 10, 1, 200),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 15000, 100, 600000),
    developmentMode,
    connectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS, 100, 600000),
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    demoData: boolean(env, 'DEMO_DATA', true),
    demoSeed: integer(env, 'DEMO_SEED', 4309, 0, 2 ** 31 - 1),
    demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    cityCode: cityCode(env),
    webDist: resolve(env.WEB_DIST || resolve(repoRoot, 'web', 'dist')),
    // Debian's fonts-wqy-zenhei (.ci/run installs it); checked when a briefing is made, so
    // an api without it still serves everything else.
    cjkFont: resolve(env.CJK_FONT || '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'),
    publicReportsPerHour: integer(env, 'PUBLIC_REPORTS_PER_HOUR', 5, 1, 10000),
    signInFailuresPerUser: integer(env, 'SIGN_IN_FAILURES_PER_USER', 10, 1, 1000),
    signInFailuresPerClient: integer(env, 'SIGN_IN_FAILURES_PER_CLIENT', 30, 1, 100000),
    maxQueryDepth: integer(env, 'MAX_QUERY_DEPTH', 8, 2, 50),
    maxQueryCost: integer(env, 'MAX_QUERY_COST', 50000, 100, 10000000),
    maxQueryAliases: integer(env, 'MAX_QUERY_ALIASES', 30, 1, 1000),
    maxQueryTokens: integer(env, 'MAX_QUERY_TOKENS', 3000, 100, 100000),
    heavyRequestsPerViewer: integer(env, 'HEAVY_REQUESTS_PER_VIEWER', 6, 1, 1000),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    riskScoreWeights: riskWeights(env),
    rankingZones: zoneShares(env),
    tileCache: boolean(env, 'TILE_CACHE', true),
    aggregateCache: boolean(env, 'AGGREGATE_CACHE', true),
    timeZone: timeZone(env),
    publicUrl: httpUrl(env, 'PUBLIC_URL', `http://localhost:${port}`),
    baseMapOrigins: origins(env, 'BASE_MAP_ORIGINS'),
    chase: readChaseConfig(env),
    maxAttachmentBytes: integer(env, 'MAX_ATTACHMENT_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    maxUploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 30 * 1024 * 1024, 1024, 500 * 1024 * 1024),
    maxImportBytes: integer(env, 'MAX_IMPORT_BYTES', 60 * 1024 * 1024, 1024, 500 * 1024 * 1024),
    afterPhotoRequired: env.AFTER_PHOTO_REQUIRED ? boolean(env, 'AFTER_PHOTO_REQUIRED', false) : undefined,
  };
  // Last: a development secret is written to disk only once everything else is valid.
  const secret = jwtSecret(env, developmentMode, dataDir);
  return { ...config, jwtSecret: new TextEncoder().encode(secret.value), jwtSecretFile: secret.file };
}
