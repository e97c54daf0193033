import { request } from 'node:http';
import { errorCode, startTestApp, type TestApp } from '../support/app';

const PUBLIC_URL = 'https://risk.example.cn';

/** GET with a Host header of our choosing (fetch forbids setting it). */
function getWithHost(url: string, host: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host, authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the api over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => { app = await startTestApp({ PUBLIC_URL }); });
  afterAll(() => app.close());

  it('sends security headers with a Content-Security-Policy that MapLibre\'s workers accept', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers introspection only to signed-in analysts and admins', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect(errorCode(await app.gql(query))).toBe('UNAUTHENTICATED');
    for (const username of ['leader', 'town', 'inspector', 'enterprise']) {
      const result = await app.gql(query, {}, await app.login(username));
      expect({ username, code: errorCode(result), data: result.data ?? null }).toEqual({ username, code: 'FORBIDDEN', data: null });
    }
    expect(errorCode(await app.gql('{ __type(name: "Hazard") { name } }', {}, await app.login('leader')))).toBe('FORBIDDEN');
    for (const username of ['analyst', 'admin']) {
      const result = await app.gql(query, {}, await app.login(username));
      expect({ username, data: result.data }).toEqual({ username, data: { __schema: { queryType: { name: 'Query' } } } });
    }
  });

  it('still answers __typename to anyone', async () => {
    expect((await app.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('builds TileJSON tile URLs from PUBLIC_URL, whatever Host the request names', async () => {
    const response = await getWithHost(`${app.baseUrl}/tiles/enterprises.json?riskLevels=RED`, 'attacker.example', await app.login('admin'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).tiles).toEqual([`${PUBLIC_URL}/tiles/enterprises/{z}/{x}/{y}.mvt?riskLevels=RED`]);
  });
});
