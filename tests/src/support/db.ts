import pg from 'pg';
// Registers the type parsers the app uses (dates as strings, int8 and numeric as numbers).
import '@risk/db';

/**
 * One pool per test file, of one connection: the embedded database admits a single
 * connection, so a file must close its pool (afterAll) before the next file starts.
 */
export function testPool(): pg.Pool {
  const connectionString = process.env.TEST_DATABASE_URL;
  if (!connectionString) throw new Error('TEST_DATABASE_URL is set by the global setup');
  return new pg.Pool({ connectionString, max: 1 });
}

/**
 * testPool(), once the database admits it: the embedded database learns only asynchronously
 * that the previous file's connection closed (as app.ts's openWhenFree explains), so the
 * first connection of a file may be turned away.
 */
export async function readyTestPool(): Promise<pg.Pool> {
  const pool = testPool();
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('select 1');
      return pool;
    } catch (error) {
      if (attempt >= 20 || !/Connection terminated unexpectedly/.test((error as Error).message)) {
        await pool.end();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Runs `fn` in a transaction that is always rolled back, so tests leave no trace. */
export async function rolledBack<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    return await fn(client);
  } finally {
    await client.query('rollback');
    client.release();
  }
}

/** Expects `promise` to fail with the given SQLSTATE. */
export async function expectSqlState(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}
