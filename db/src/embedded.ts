import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer, type PGLiteSocketHandler } from '@electric-sql/pglite-socket';

// The contrib typings are ESM-only although a CommonJS build ships beside them.
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as typeof import('@electric-sql/pglite/contrib/pg_trgm', { with: { 'resolution-mode': 'import' } });

export interface EmbeddedServer {
  connectionString: string;
  /**
   * Closes every client connection from the server's side, rolling back its open
   * transaction, as the socket server does when a socket fails; the database stays. Tests
   * of the pool's recovery use it.
   */
  dropConnections(): Promise<void>;
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
  const connections = freeSlotsOfDroppedConnections(server);
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  log(`embedded PostgreSQL ready on ${host}:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    connectionString: `postgres://postgres@${host}:${port}/postgres`,
    async dropConnections() {
      for (const handler of [...connections]) {
        connections.delete(handler);
        await handler.detach(true);
      }
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * pglite-socket (0.2.11, pinned) frees a connection's slot only when the client closes it. A
 * connection the server closes itself (a socket error, its idle timeout) keeps its slot, and
 * with one slot every later connection is turned away ("Too many connections"): the pool
 * could never reconnect. Such a close is announced by the handler's 'error' event just
 * before it detaches (and rolls back the connection's open transaction); the slot is freed
 * there. The handler set is private to the library, hence the check that it is still there.
 * Returns that set: the connections the server holds.
 */
function freeSlotsOfDroppedConnections(server: PGLiteSocketServer): Set<PGLiteSocketHandler> {
  const handlers = (server as unknown as { handlers?: unknown }).handlers;
  if (!(handlers instanceof Set)) throw new Error('pglite-socket keeps its connections differently than 0.2.11: review startEmbedded');
  const slots = handlers as Set<PGLiteSocketHandler>;
  const add = slots.add.bind(slots);
  slots.add = (handler) => {
    handler.addEventListener('error', () => slots.delete(handler));
    return add(handler);
  };
  return slots;
}
