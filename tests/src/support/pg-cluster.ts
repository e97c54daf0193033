import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 programs, which postgresql-15-postgis-3 brings along. */
const PG_BIN = '/usr/lib/postgresql/15/bin';

/** True where a cluster of a test's own can be made (initdb and pg_ctl of PostgreSQL 15). */
export const canMakeCluster = existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));

/** A PostgreSQL cluster that one test file owns: its own data directory and port on 127.0.0.1. */
export interface PgCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:port/database (trust authentication). */
  url(database: string): string;
  /** pg_ctl restart -m fast: every session is ended, then the server starts again. */
  restart(): Promise<void>;
  /** pg_ctl stop -m fast: sessions are ended, the server is down until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The server's log, for failure messages. */
  log(): string;
  /** Stops the server if it runs and deletes the cluster. */
  remove(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A directory for a cluster, owned by the `postgres` OS user when the tests run as root. */
function clusterDirectory(): { dir: string; run: (program: string, args: string[]) => Promise<unknown> } {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'risk-cluster-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  // In the cluster's directory: the postgres user may not enter the one the tests run in.
  const run_ = (program: string, args: string[]) => asRoot
    ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, program), ...args], { cwd: dir })
    : run(join(PG_BIN, program), args, { cwd: dir });
  return { dir, run: run_ };
}

/**
 * Makes a cluster's data directory with `create` (which gets the directory to fill), sets its
 * port, listening on 127.0.0.1 only (no Unix socket), and starts it.
 */
async function startIn(create: (data: string, pg: (program: string, args: string[]) => Promise<unknown>) => Promise<void>): Promise<PgCluster> {
  const { dir, run: pg } = clusterDirectory();
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const ctl = (...args: string[]) => pg('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', ...args]);
  const port = await freePort();
  try {
    await create(data, pg);
    // In the configuration, not on pg_ctl's command line, so that every later start keeps them;
    // appended, so that a copied primary's own port line is overridden.
    appendFileSync(join(data, 'postgresql.conf'),
      `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n`);
    await ctl('start');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async () => void await ctl('restart', '-m', 'fast'),
    stop: async () => void await ctl('stop', '-m', 'fast'),
    start: async () => void await ctl('start'),
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async remove() {
      await ctl('stop', '-m', 'immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * initdb and start a cluster on a free port. initdb refuses to run as root, and CI runs as
 * root: there the cluster belongs to the `postgres` OS user, in a temporary directory handed to it.
 * initdb's trust authentication includes replication from 127.0.0.1, so startReplica can copy it.
 */
export function startCluster(): Promise<PgCluster> {
  return startIn(async (data, pg) => {
    await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  });
}

/**
 * A streaming replica of `primary` (pg_basebackup -R: a standby that follows the primary's
 * WAL from then on) on a free port of its own.
 */
export function startReplica(primary: PgCluster): Promise<PgCluster> {
  return startIn(async (data, pg) => {
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '--no-sync']);
  });
}
