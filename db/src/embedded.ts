import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The contrib typings are ESM-only although a CommonJS build ships beside them.
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as typeof import('@electric-sql/pglite/contrib/pg_trgm', { with: { 'resolution-mode': 'import' } });

export interface EmbeddedServer {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with PostGIS and pg_trgm behind a Postgres wire-protocol socket on a free
 * localhost port, so that `pg` talks to it exactly as to a server. PGlite is a single
 * session: the socket server admits one connection, and callers size their pool to one.
 */
export async function startEmbedded(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  log(`starting embedded PostgreSQL (PGlite + PostGIS) in ${dataDir}; a first start takes ~15 s`);
  const db = await PGlite.create({ dataDir, extensions: { postgis, pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  log(`embedded PostgreSQL ready on ${host}:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    connectionString: `postgres://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
