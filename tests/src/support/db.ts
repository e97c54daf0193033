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
 * The embedded database admits one connection and learns only asynchronously that the
 * previous file's pool has closed its one: a file that starts quickly is turned away
 * ("Connection terminated unexpectedly"). It is free again within moments.
 */
export async function whenFree<T>(open: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await open();
    } catch (error) {
      if (attempt >= 20 || !/Connection terminated unexpectedly/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** testPool(), once the database admits it (whenFree): a file's first connection may be turned away. */
export function readyTestPool(): Promise<pg.Pool> {
  return whenFree(async () => {
    const pool = testPool();
    try {
      await pool.query('select 1');
      return pool;
    } catch (error) {
      await pool.end();
      throw error;
    }
  });
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

/**
 * Runs `sql` under a savepoint, returning its SQLSTATE or 'ok', so one transaction can test
 * many refusals.
 */
export async function attempt(client: pg.ClientBase, sql: string, values: unknown[] = []): Promise<string> {
  await client.query('savepoint attempt');
  try {
    await client.query(sql, values);
    await client.query('release savepoint attempt');
    return 'ok';
  } catch (error) {
    await client.query('rollback to savepoint attempt');
    return (error as { code: string }).code;
  }
}

/** Expects `promise` to fail with the given SQLSTATE. */
export async function expectSqlState(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code });
}
