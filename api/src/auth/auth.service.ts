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

// app.login_candidate: the api's login role has no table privileges of its own, and no
// scope exists before sign-in.
const findUser = `
  select id, username, password_hash, role, jurisdiction_code, sectors, enterprise_id, enterprise_town_code,
         active, display_name, department
  from app.login_candidate($1)`;

/**
 * Checks a username and password, outside any request transaction: nobody is signed in yet.
 * The same answer for an unknown user and a wrong password.
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
