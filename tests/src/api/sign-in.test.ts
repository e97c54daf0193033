import { randomBytes, scryptSync } from 'node:crypto';
import { verifyPassword } from '@risk/db';
import { TEST_PASSWORD } from '../support/constants';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { createUser } from '../support/users';

const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token me { username role jurisdictionCode } } }`;
const ME = `{ me { username role } }`;

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(() => app.close());

describe('signing in', () => {
  it('gives a token that makes the user the viewer', async () => {
    const result = await app.gql(LOGIN, { u: 'leader', p: TEST_PASSWORD });
    expect(result.data.login.me).toEqual({ username: 'leader', role: 'leader', jurisdictionCode: '430900' });
    const me = await app.gql(ME, {}, result.data.login.token);
    expect(me.data.me).toEqual({ username: 'leader', role: 'leader' });
  });

  it('answers a wrong password and an unknown user alike, with UNAUTHENTICATED', async () => {
    const wrong = await app.gql(LOGIN, { u: 'analyst', p: 'not-the-password' });
    const unknown = await app.gql(LOGIN, { u: 'nobody', p: 'not-the-password' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
  });

  it('refuses a forged token', async () => {
    const { data } = await app.gql(LOGIN, { u: 'town', p: TEST_PASSWORD });
    const [header, payload, signature] = (data.login.token as string).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url'), signature].join('.');
    expect(errorCode(await app.gql(ME, {}, forged))).toBe('UNAUTHENTICATED');
  });

  it('stops a client guessing one user\'s password after ten failures, even with the right one, and no other user', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(errorCode(await app.gql(LOGIN, { u: 'inspector', p: `guess-${attempt}` }))).toBe('UNAUTHENTICATED');
    }
    const blocked = await app.gql(LOGIN, { u: 'inspector', p: TEST_PASSWORD });
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    const other = await app.gql(LOGIN, { u: 'enterprise', p: TEST_PASSWORD });
    expect(other.errors).toBeUndefined();
  });

  it('refuses a deactivated user with the same answer as a wrong password', async () => {
    const user = await createUser(app.db.pool, { role: 'admin' });
    await app.db.pool.query('update users set active = false where id = $1', [user.id]);
    const inactive = await app.gql(LOGIN, { u: user.username, p: TEST_PASSWORD });
    expect(errorCode(inactive)).toBe('UNAUTHENTICATED');
    expect(inactive.errors![0]!.message).toBe('wrong username or password');
  });
});

describe('stored passwords', () => {
  it('are hashed with the OWASP scrypt parameters and a salt of their own for each demo user', async () => {
    const { rows } = await app.db.pool.query<{ password_hash: string }>('select password_hash from users where is_demo');
    expect(rows.length).toBe(6);
    const parts = rows.map((r) => r.password_hash.split('$'));
    for (const [scheme, n, r, p] of parts) expect([scheme, n, r, p]).toEqual(['scrypt', String(2 ** 17), '8', '1']);
    expect(new Set(parts.map((part) => part[4])).size).toBe(6);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(6);
  });

  it('in the earlier format (N = 2^14, one salt) still sign in, and are rehashed with today\'s parameters', async () => {
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('hex')}$${scryptSync(TEST_PASSWORD, salt, 64).toString('hex')}`;
    const user = await createUser(app.db.pool, { role: 'admin', passwordHash: legacy });
    const hashOf = async () => (await app.db.pool.query<{ h: string }>('select password_hash as h from users where id = $1', [user.id])).rows[0]!.h;

    expect((await app.gql(LOGIN, { u: user.username, p: TEST_PASSWORD })).errors).toBeUndefined();
    const upgraded = await hashOf();
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{128}$/);
    expect(await verifyPassword(TEST_PASSWORD, upgraded)).toBe(true);
    expect((await app.gql(LOGIN, { u: user.username, p: TEST_PASSWORD })).errors).toBeUndefined();
    expect(await hashOf()).toBe(upgraded);
  });
});
