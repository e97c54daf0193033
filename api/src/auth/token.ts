import { jwtVerify, SignJWT } from 'jose';
import type { Pool } from 'pg';
import type { Config } from '../config';
import { signInAgain } from '../common/errors';
import { PUBLIC_VIEWER, viewerOfSession, type SessionScope, type Viewer } from '../common/viewer';

/**
 * The token names the user and carries the scope they had at sign-in. The scope is only a
 * claim: every request re-reads the account (RequestDb's opening statement, or
 * currentViewer), so a deactivated account or a changed role applies at the next request.
 */
export async function signToken(viewer: Viewer, config: Config): Promise<string> {
  return new SignJWT({
    username: viewer.username,
    role: viewer.role,
    jurisdictionCode: viewer.jurisdictionCode,
    sectors: viewer.sectors,
    enterpriseId: viewer.enterpriseId,
    enterpriseTownCode: viewer.enterpriseTownCode,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(viewer.userId))
    .setIssuedAt()
    .setExpirationTime(`${config.jwtTtlSeconds}s`)
    .sign(config.jwtSecret);
}

/** The viewer of an `Authorization: Bearer` header; no header is the public. */
export async function viewerFromHeader(header: string | undefined, config: Config): Promise<Viewer> {
  if (!header) return PUBLIC_VIEWER;
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) throw signInAgain();
  try {
    const { payload } = await jwtVerify(match[1]!, config.jwtSecret, { algorithms: ['HS256'] });
    return {
      userId: Number(payload.sub),
      username: payload.username as string,
      role: payload.role as Viewer['role'],
      jurisdictionCode: (payload.jurisdictionCode as string | null) ?? null,
      sectors: (payload.sectors as string[] | undefined) ?? [],
      enterpriseId: (payload.enterpriseId as number | null) ?? null,
      enterpriseTownCode: (payload.enterpriseTownCode as string | null) ?? null,
    };
  } catch {
    throw signInAgain();
  }
}

/**
 * The viewer as the database holds them now, for requests that may not reach a
 * transaction (a cached tile); refuses a deactivated or removed account.
 */
export async function currentViewer(pool: Pool, claimed: Viewer): Promise<Viewer> {
  if (claimed.userId === null) return claimed;
  const { rows: [row] } = await pool.query<{ session: SessionScope | null }>(
    'select app.session_viewer($1::bigint) as session', [claimed.userId]);
  const viewer = viewerOfSession(claimed.userId, row!.session);
  if (!viewer) throw signInAgain();
  return viewer;
}
