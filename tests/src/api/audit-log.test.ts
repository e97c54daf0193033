import type { PoolClient } from 'pg';
import { TEST_PASSWORD } from '../support/constants';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { expectSqlState } from '../support/db';
import { createUser } from '../support/users';

const LOGIN = `mutation SignIn($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;
const AUDIT_LOG = `query AuditLog($filter: AuditFilter) {
  auditLog(filter: $filter, first: 50) { edges { node { event requestId actorId actorRole username address operation code detail } } }
}`;
/** GET /exports/hazards.xlsx with a filter, read to the end. */
async function exportLedger(filter: object, token?: string): Promise<Response> {
  const response = await fetch(`${app.baseUrl}/exports/hazards.xlsx?filter=${encodeURIComponent(JSON.stringify(filter))}`,
    { headers: token ? { authorization: `Bearer ${token}` } : {} });
  await response.arrayBuffer();
  return response;
}

interface AuditRow {
  event: string;
  actor_id: number | null;
  actor_role: string | null;
  username: string | null;
  address: string | null;
  operation: string | null;
  code: string | null;
  detail: Record<string, any>;
}

let app: TestApp;
beforeAll(async () => { app = await startTestApp(); });
afterAll(() => app.close());

/**
 * The audit rows of a request. They are written after the answer has gone, so the test
 * waits for them (at most 20 s; the write is one statement).
 */
async function auditOf(requestId: string | null): Promise<AuditRow[]> {
  expect(requestId).toBeTruthy();
  for (let waited = 0; waited < 20000; waited += 100) {
    await app.auditSettled();
    const { rows } = await app.db.pool.query<AuditRow>(
      'select event, actor_id, actor_role, username, address, operation, code, detail from audit_log where request_id = $1 order by id', [requestId]);
    if (rows.length > 0) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}

const userId = async (username: string) =>
  (await app.db.pool.query<{ id: number }>('select id from users where username = $1', [username])).rows[0]!.id;

/** Runs `work` as app_user with the given role's settings in a transaction that is rolled back or committed. */
async function asRequest<T>(settings: { userId: number; role: string; requestId: string }, commit: boolean, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const client = await app.db.pool.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('role', 'app_user', true), set_config('app.user_id', $1, true),
                               set_config('app.role', $2, true), set_config('app.scope_prefix', '', true),
                               set_config('app.request_id', $3, true)`,
      [String(settings.userId), settings.role, settings.requestId]);
    const result = await work(client);
    await client.query(commit ? 'commit' : 'rollback');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

describe('the audit log records', () => {
  it('a sign-in, with the request id returned to the client and the address', async () => {
    const response = await app.post(LOGIN, { u: 'analyst', p: TEST_PASSWORD }, { headers: { 'x-forwarded-for': '10.20.0.1' } });
    expect(response.body.errors).toBeUndefined();
    expect(await auditOf(response.requestId)).toEqual([expect.objectContaining({
      event: 'SIGN_IN', actor_id: await userId('analyst'), actor_role: 'analyst', username: 'analyst', address: '10.20.0.1', operation: 'SignIn',
    })]);
  });

  it('a failed sign-in with the username tried, the address and the reason', async () => {
    const wrong = await app.post(LOGIN, { u: 'leader', p: 'not-it' }, { headers: { 'x-forwarded-for': '10.20.0.2' } });
    expect(await auditOf(wrong.requestId)).toEqual([expect.objectContaining({
      event: 'SIGN_IN_FAILED', actor_id: null, username: 'leader', address: '10.20.0.2', code: 'WRONG_PASSWORD',
    })]);
    const unknown = await app.post(LOGIN, { u: 'no-such-user', p: 'not-it' });
    expect(await auditOf(unknown.requestId)).toEqual([expect.objectContaining({ event: 'SIGN_IN_FAILED', username: 'no-such-user', code: 'UNKNOWN_USER' })]);
  });

  it('a FORBIDDEN refusal with the operation, the viewer and the code, though the request rolled back', async () => {
    const token = await app.login('leader');
    const refused = await app.post(AUDIT_LOG, {}, { token });
    expect(errorCode(refused.body)).toBe('FORBIDDEN');
    expect(await auditOf(refused.requestId)).toEqual([expect.objectContaining({
      event: 'REFUSED', actor_id: await userId('leader'), actor_role: 'leader', operation: 'AuditLog', code: 'FORBIDDEN',
    })]);
  });

  it('an UNAUTHENTICATED refusal of a bad token', async () => {
    const refused = await app.post(AUDIT_LOG, {}, { token: 'forged' });
    expect(refused.status).toBe(401);
    expect(await auditOf(refused.requestId)).toEqual([expect.objectContaining({ event: 'REFUSED', actor_id: null, code: 'UNAUTHENTICATED' })]);
  });

  it('an export, with its list, format, row count and filter', async () => {
    const token = await app.login('analyst');
    const filter = { levels: ['MAJOR'], overdue: true };
    const exported = await exportLedger(filter, token);
    expect(exported.status).toBe(200);
    const { rows: [{ count }] } = await app.db.pool.query<{ count: number }>(
      `select count(*)::int as count from hazards where level = 'MAJOR' and hazard_is_overdue(status, deadline)`);
    expect(await auditOf(exported.headers.get('x-request-id'))).toEqual([expect.objectContaining({
      event: 'EXPORT', actor_id: await userId('analyst'), code: 'XLSX', detail: { kind: 'hazards', rowCount: count, complete: true, filter },
    })]);
  });

  it('an export by the public is refused', async () => {
    const refused = await exportLedger({});
    expect(refused.status).toBe(401);
    expect(await auditOf(refused.headers.get('x-request-id'))).toEqual([expect.objectContaining({ event: 'REFUSED', code: 'UNAUTHENTICATED' })]);
  });

  it('a change to a user, with the actor, the request and the changed columns but never the password hash', async () => {
    const user = await createUser(app.db.pool, { role: 'analyst', jurisdictionCode: '430900' });
    const admin = await userId('admin');
    const requestId = `test-user-change-${user.id}`;
    await asRequest({ userId: admin, role: 'admin', requestId }, true, (c) =>
      c.query(`update users set role = 'leader', password_hash = 'scrypt$x$y' where id = $1`, [user.id]));
    expect(await auditOf(requestId)).toEqual([expect.objectContaining({
      event: 'ADMIN_CHANGE', actor_id: admin, actor_role: 'admin', username: 'admin', operation: 'users update',
      detail: { key: String(user.id), changed: { role: ['analyst', 'leader'], password_hash: '(changed)' } },
    })]);
  });

  it('no change that was rolled back', async () => {
    const user = await createUser(app.db.pool, { role: 'analyst', jurisdictionCode: '430900' });
    const requestId = `test-rolled-back-${user.id}`;
    await asRequest({ userId: await userId('admin'), role: 'admin', requestId }, false, (c) =>
      c.query(`update users set active = false where id = $1`, [user.id]));
    const { rows } = await app.db.pool.query('select 1 from audit_log where request_id = $1', [requestId]);
    expect(rows).toEqual([]);
  });
});

describe('the audit log', () => {
  it('is append-only, even for its owner', async () => {
    const client = await app.db.pool.connect();
    try {
      for (const statement of ['update audit_log set code = null', 'delete from audit_log', 'truncate audit_log']) {
        await client.query('begin');
        await expectSqlState(client.query(statement), 'RS004');
        await client.query('rollback');
      }
    } finally {
      client.release();
    }
  });

  it('cannot be written by the request role', async () => {
    await expectSqlState(asRequest({ userId: await userId('admin'), role: 'admin', requestId: 'test-insert' }, false, (c) =>
      c.query(`insert into audit_log (event) values ('SIGN_IN')`)), '42501');
  });

  it('is read by the administrator only, in the database and through the API', async () => {
    const signIn = await app.post(LOGIN, { u: 'town', p: TEST_PASSWORD });
    await auditOf(signIn.requestId);
    const count = (role: string) => asRequest({ userId: 1, role, requestId: 'test-read' }, false, async (c) =>
      (await c.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0]!.n);
    expect(await count('admin')).toBeGreaterThan(0);
    for (const role of ['leader', 'analyst', 'inspector', 'town', 'enterprise', 'public']) expect(await count(role)).toBe(0);

    const admin = await app.gql(AUDIT_LOG, { filter: { requestId: signIn.requestId } }, await app.login('admin'));
    expect(admin.data.auditLog.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ event: 'SIGN_IN', username: 'town' })]);
    for (const role of ['analyst', 'town', 'enterprise']) {
      expect(errorCode(await app.gql(AUDIT_LOG, {}, await app.login(role)))).toBe('FORBIDDEN');
    }
    expect(errorCode(await app.gql(AUDIT_LOG, {}))).toBe('UNAUTHENTICATED');
  });
});

describe('every request', () => {
  it('keeps a sane incoming x-request-id, returns it, and logs one JSON line with operation, viewer, duration and error codes', async () => {
    const token = await app.login('leader');
    const response = await app.post(AUDIT_LOG, {}, { token, headers: { 'x-request-id': 'trace-0123456789' } });
    expect(response.requestId).toBe('trace-0123456789');
    await auditOf(response.requestId);
    const line = app.logLines().find((l) => l.requestId === 'trace-0123456789');
    expect(line).toMatchObject({
      msg: 'request', method: 'POST', path: '/graphql', status: 403, operation: 'AuditLog',
      viewer: { id: await userId('leader'), role: 'leader' }, errors: ['FORBIDDEN'],
    });
    expect(typeof line!.durationMs).toBe('number');
  });

  it('gets a new id when the incoming one is not sane', async () => {
    const response = await app.post('{ me { role } }', {}, { headers: { 'x-request-id': 'no spaces <or> markup' } });
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
