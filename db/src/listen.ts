import pg from 'pg';

/** What a LISTEN on one channel calls. */
export interface NotificationHandlers {
  /** A notification's payload, in commit order. */
  message(payload: string): void;
  /** Listening again after the connection was lost: what was committed meanwhile was not heard. */
  resumed(): void;
}

export interface Listener {
  close(): Promise<void>;
}

/** How long a lost listening connection waits before it connects again. */
const RECONNECT_DELAY_MS = 1000;

/**
 * Server mode: a connection of its own that only listens (a pool's connections come and go,
 * and one held in a transaction would hold its notifications back). When it is lost (the
 * server restarts), it connects again every second until it listens, and says so
 * (`resumed`): NOTIFY keeps nothing for a session that was not listening.
 */
export function listenOnServer(url: string, channel: string, handlers: NotificationHandlers, log: (line: string) => void): Listener {
  let current: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let lost = false;

  const connect = async (): Promise<void> => {
    retry = undefined;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    const onLost = () => {
      if (client !== current || closed) return;
      current = undefined;
      if (!lost) log(`live updates: the listening connection was lost; connecting again every ${RECONNECT_DELAY_MS / 1000} s`);
      lost = true;
      void client.end().catch(() => undefined);
      retry = setTimeout(() => void connect(), RECONNECT_DELAY_MS);
    };
    client.on('notification', (notification) => {
      if (notification.channel === channel) handlers.message(notification.payload ?? '');
    });
    client.on('error', onLost);
    client.on('end', onLost);
    current = client;
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch {
      onLost();
      return;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    if (lost) {
      lost = false;
      log('live updates: listening again');
      handlers.resumed();
    }
  };

  const first = connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await first;
      await current?.end().catch(() => undefined);
    },
  };
}

/**
 * A database of one connection (the embedded PGlite behind its socket): there is no second
 * session to listen in. The one session listens; PostgreSQL then sends each notification on
 * it when a transaction commits, to whichever client holds the connection at that moment, so
 * every connection the pool makes carries the handler. PGlite keeps the LISTEN across the
 * pool's reconnections (the socket server keeps one backend), so nothing is missed there.
 */
export async function listenOnPool(pool: pg.Pool, channel: string, handlers: NotificationHandlers): Promise<Listener> {
  const heard = new WeakSet<pg.PoolClient>();
  const onNotification = (notification: pg.Notification) => {
    if (notification.channel === channel) handlers.message(notification.payload ?? '');
  };
  const attach = (client: pg.PoolClient) => {
    if (heard.has(client)) return;
    heard.add(client);
    client.on('notification', onNotification);
  };
  pool.on('connect', attach);
  const client = await pool.connect();
  try {
    attach(client);
    await client.query(`listen ${pg.escapeIdentifier(channel)}`);
  } finally {
    client.release();
  }
  return {
    async close() {
      pool.off('connect', attach);
      await pool.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
    },
  };
}
