import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { hashPassword } from '@risk/db';
import { TEST_PASSWORD } from './constants';

export interface TestUser {
  id: number;
  username: string;
}

/**
 * A user of its own for a test that changes accounts (deactivates, re-roles), so no other
 * test's demo user is touched. Password TEST_PASSWORD unless `passwordHash` is given.
 */
export async function createUser(pool: Pool | PoolClient, spec: {
  role: string;
  jurisdictionCode?: string | null;
  sectors?: string[];
  enterpriseId?: number | null;
  passwordHash?: string;
}): Promise<TestUser> {
  const username = `t-${spec.role}-${randomBytes(4).toString('hex')}`;
  const { rows: [row] } = await pool.query<{ id: number }>(
    `insert into users (username, password_hash, display_name, role, jurisdiction_code, sectors, enterprise_id)
     values ($1, $2, $3, $4, $5, $6::sector[], $7) returning id`,
    [username, spec.passwordHash ?? await hashPassword(TEST_PASSWORD), `测试用户 ${username}`, spec.role,
      spec.jurisdictionCode ?? null, spec.sectors ?? [], spec.enterpriseId ?? null]);
  return { id: row!.id, username };
}

/** The town the demo user `town` works in, and the city above it. */
export async function demoScope(pool: Pool): Promise<{ town: string; city: string }> {
  const { rows: [row] } = await pool.query<{ town: string }>(`select jurisdiction_code as town from users where username = 'town'`);
  return { town: row!.town, city: '430900' };
}
