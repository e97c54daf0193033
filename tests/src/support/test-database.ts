import pg from 'pg';
import { migrate, seedDemoIfEmpty } from '@risk/db';
import { TEST_PASSWORD, TEST_SEED } from './constants';

/** Migrates the test database and loads the demo data into it once. */
export async function prepareTestDatabase(connectionString: string): Promise<void> {
  const pool = new pg.Pool({ connectionString, max: 1 });
  try {
    await migrate(pool);
    await seedDemoIfEmpty(pool, { seed: TEST_SEED, password: TEST_PASSWORD, log: (line) => console.log(line) });
  } finally {
    await pool.end();
  }
}
