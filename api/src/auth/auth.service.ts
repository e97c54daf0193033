import type { Pool } from 'pg';
import { verifyPassword } from '@risk/db';
import type { Viewer } from '../common/viewer';

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Viewer['role'];
  jurisdiction_code: string | null;
  sectors: string[];
  enterprise_id: number | null;
  enterprise_town_code: string | null;
  active: boolean;
  display_name: string;
  department: string | null;
}

export interface SignedIn {
  viewer: Viewer;
  displayName: string;
  department: string | null;
}

const findUser = `
  select u.id, u.username, u.password_hash, u.role, u.jurisdiction_code, u.sectors::text[] as sectors,
         u.enterprise_id, e.town_code as enterprise_town_code, u.active,
         u.display_name, u.department
  from users u left join enterprises e on e.id = u.enterprise_id
  where u.username = $1`;

/**
 * Checks a username and password. Runs as the connecting role, outside row-level security:
 * nobody is signed in yet. The same answer for an unknown user and a wrong password.
 */
export async function authenticate(pool: Pool, username: string, password: string): Promise<SignedIn | null> {
  const { rows } = await pool.query<UserRow>(findUser, [username]);
  const user = rows[0];
  if (!user || !user.active || !(await verifyPassword(password, user.password_hash))) return null;
  const viewer: Viewer = {
    userId: user.id,
    username: user.username,
    role: user.role,
    jurisdictionCode: user.jurisdiction_code,
    sectors: user.sectors,
    enterpriseId: user.enterprise_id,
    enterpriseTownCode: user.enterprise_town_code,
  };
  return { viewer, displayName: user.display_name, department: user.department };
}
