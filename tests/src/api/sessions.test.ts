import { SignJWT } from 'jose';
import { TEST_PASSWORD } from '../support/constants';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { createUser, demoScope } from '../support/users';

const ME = `query Me { me { username role jurisdictionCode } }`;
const HAZARD_COUNT = `query HazardCount { hazards(first: 0) { totalCount } }`;

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(() => app.close());

/** A token as an attacker would sign it offline: the admin's claims, any key, any expiry. */
function offlineToken(key: string, expiresAt: number | string = '1h'): Promise<string> {
  return new SignJWT({ username: 'admin', role: 'admin', jurisdictionCode: null, sectors: [], enterpriseId: null, enterpriseTownCode: null })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('1')
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(key));
}

describe('a bearer token', () => {
  it('signed with the development key once published in the repository is refused with 401', async () => {
    const response = await app.post(HAZARD_COUNT, {}, { token: await offlineToken('development-only-secret-change-me-0123456789') });
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  });

  it('that has expired is refused with 401 UNAUTHENTICATED, not a server error', async () => {
    const expired = await offlineToken(process.env.JWT_SECRET!, Math.floor(Date.now() / 1000) - 60);
    const response = await app.post(ME, {}, { token: expired });
    expect(response.status).toBe(401);
    expect(errorCode(response.body)).toBe('UNAUTHENTICATED');
  });

  it('that is garbage is refused with 401 UNAUTHENTICATED', async () => {
    for (const token of ['not-a-token', 'a.b.c']) {
      const response = await app.post(ME, {}, { token });
      expect(response.status).toBe(401);
      expect(errorCode(response.body)).toBe('UNAUTHENTICATED');
    }
  });

  it('of a valid session may accompany a new sign-in', async () => {
    const token = await app.login('analyst');
    const again = await app.post(`mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { me { username } } }`,
      { u: 'leader', p: TEST_PASSWORD }, { token });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.login.me.username).toBe('leader');
  });

  it('in a header that is not "Bearer …" is refused with 401', async () => {
    const response = await app.post(ME, {}, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(response.status).toBe(401);
  });
});

describe('an account change', () => {
  it('deactivating a user refuses their existing token at the next request, on tiles too', async () => {
    const { town } = await demoScope(app.db.pool);
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    const token = await app.login(user.username);
    expect((await app.gql(ME, {}, token)).data.me.username).toBe(user.username);
    expect((await fetch(`${app.baseUrl}/tiles/hazards/12/3326/1704.mvt`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    await app.db.pool.query('update users set active = false where id = $1', [user.id]);

    const refused = await app.post(ME, {}, { token });
    expect(refused.status).toBe(401);
    expect(errorCode(refused.body)).toBe('UNAUTHENTICATED');
    const tile = await fetch(`${app.baseUrl}/tiles/hazards/12/3326/1704.mvt`, { headers: { authorization: `Bearer ${token}` } });
    expect(tile.status).toBe(401);
  });

  it('a role and scope change applies to the existing token at the next request', async () => {
    const { town, city } = await demoScope(app.db.pool);
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    const token = await app.login(user.username);
    const before = await app.gql(HAZARD_COUNT, {}, token);
    expect((await app.gql(ME, {}, token)).data.me).toMatchObject({ role: 'town', jurisdictionCode: town });

    await app.db.pool.query(`update users set role = 'leader', jurisdiction_code = $2 where id = $1`, [user.id, city]);

    expect((await app.gql(ME, {}, token)).data.me).toMatchObject({ role: 'leader', jurisdictionCode: city });
    const after = await app.gql(HAZARD_COUNT, {}, token);
    expect(after.data.hazards.totalCount).toBeGreaterThan(before.data.hazards.totalCount);
  });

  it('a narrowed scope hides what the token\'s old scope showed', async () => {
    const { town, city } = await demoScope(app.db.pool);
    const user = await createUser(app.db.pool, { role: 'leader', jurisdictionCode: city });
    const token = await app.login(user.username);
    const before = await app.gql(HAZARD_COUNT, {}, token);

    await app.db.pool.query(`update users set role = 'town', jurisdiction_code = $2 where id = $1`, [user.id, town]);

    const after = await app.gql(HAZARD_COUNT, {}, token);
    expect(after.data.hazards.totalCount).toBeLessThan(before.data.hazards.totalCount);
    const { rows: [own] } = await app.db.pool.query<{ n: number }>('select count(*)::int as n from hazards where town_code = $1', [town]);
    expect(after.data.hazards.totalCount).toBe(own!.n);
  });
});
