import { limiterKey } from '@risk/api/common/rate-limit';
import { TEST_PASSWORD } from '../support/constants';
import { errorCode, startTestApp, type TestApp } from '../support/app';

const LOGIN = `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;

// Three failures per username and per address, so that each limit is reached quickly. Each
// test uses usernames and addresses of its own (the app trusts X-Forwarded-For from
// loopback), so the tests do not count against each other.
let app: TestApp;
beforeAll(async () => { app = await startTestApp({ SIGN_IN_FAILURES_PER_USER: '3', SIGN_IN_FAILURES_PER_CLIENT: '3' }); });
afterAll(() => app.close());

const loginFrom = (address: string, username: string, password: string) =>
  app.post(LOGIN, { u: username, p: password }, { headers: { 'x-forwarded-for': address } }).then((r) => r.body);

describe('failed sign-ins', () => {
  // 200 KB: the largest a request body may carry (MAX_BODY_BYTES) is refused as too large before any GraphQL.
  it('with a username of 200 KB are refused as bad input before any work, and counted nowhere', async () => {
    const huge = 'a'.repeat(200_000);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const result = await loginFrom('10.9.0.1', huge, 'whatever');
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe('username');
    }
    // Had they counted, this address would be limited after three.
    expect((await loginFrom('10.9.0.1', 'leader', TEST_PASSWORD)).errors).toBeUndefined();
  });

  it('are counted under keys of bounded size, however long what they count', () => {
    expect(limiterKey('leader')).toBe('leader');
    expect(limiterKey('x'.repeat(2_000_000)).length).toBeLessThanOrEqual(64);
    expect(limiterKey('x'.repeat(2_000_000))).not.toBe(limiterKey('y'.repeat(2_000_000)));
  });

  it('of one username are limited however many addresses they come from', async () => {
    for (const address of ['10.1.0.1', '10.1.0.2', '10.1.0.3']) {
      expect(errorCode(await loginFrom(address, 'analyst', 'a-guess'))).toBe('UNAUTHENTICATED');
    }
    const blocked = await loginFrom('10.1.0.4', 'analyst', TEST_PASSWORD);
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(blocked.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('from one address are limited however many usernames they try', async () => {
    for (const username of ['nobody-1', 'nobody-2', 'nobody-3']) {
      expect(errorCode(await loginFrom('10.2.0.1', username, 'a-guess'))).toBe('UNAUTHENTICATED');
    }
    expect(errorCode(await loginFrom('10.2.0.1', 'inspector', TEST_PASSWORD))).toBe('RATE_LIMITED');
    expect((await loginFrom('10.2.0.2', 'inspector', TEST_PASSWORD)).errors).toBeUndefined();
  });
});
