import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config';
import { unauthenticated } from '../common/errors';
import { PUBLIC_VIEWER, type Viewer } from '../common/viewer';

/**
 * The scope travels in the signed token, so a request needs no lookup before its
 * transaction; a changed role takes effect at the next sign-in (tokens live JWT_TTL_SECONDS).
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
  if (!match) throw unauthenticated();
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
    throw unauthenticated();
  }
}
