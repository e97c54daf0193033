import type { Pool } from 'pg';
import { hashPassword, needsRehash, verifyPassword } from '@risk/db';
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

/** Why a sign-in failed, kept in the audit log; the client hears only "wrong username or password". */
export type SignInFailure = 'UNKNOWN_USER' | 'INACTIVE' | 'WRONG_PASSWORD';

export type SignInOutcome = { signedIn: SignedIn; failure?: never } | { signedIn?: never; failure: SignInFailure };

/**
 * Checks a username and password. Runs as the connecting role, outside row-level security:
 * nobody is signed in yet. Every attempt costs one scrypt run, whether the user exists (an
 * unknown user is checked against a dummy hash), is deactivated or not, so the time taken
 * tells nothing about the username. A hash of older parameters is replaced after a
 * successful check (app.replace_password_hash, recorded in the audit log).
 */
export async function authenticate(pool: Pool, username: string, password: string, requestId: string): Promise<SignInOutcome> {
  const { rows } = await pool.query<UserRow>(findUser, [username]);
  const user = rows[0];
  const valid = await verifyPassword(password, user?.password_hash ?? null);
  if (!user) return { failure: 'UNKNOWN_USER' };
  if (!user.active) return { failure: 'INACTIVE' };
  if (!valid) return { failure: 'WRONG_PASSWORD' };
  if (needsRehash(user.password_hash)) {
    await pool.query('select app.replace_password_hash($1, $2, $3, $4)',
      [user.id, user.password_hash, await hashPassword(password), requestId]);
  }
  const viewer: Viewer = {
    userId: user.id,
    username: user.username,
    role: user.role,
    jurisdictionCode: user.jurisdiction_code,
    sectors: user.sectors,
    enterpriseId: user.enterprise_id,
    enterpriseTownCode: user.enterprise_town_code,
  };
  return { signedIn: { viewer, displayName: user.display_name, department: user.department } };
}
