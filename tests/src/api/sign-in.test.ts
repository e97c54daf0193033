import { TEST_PASSWORD } from '../support/constants';
import { errorCode, startTestApp, type TestApp } from '../support/app';

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
});
