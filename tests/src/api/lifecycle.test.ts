import { startTestApp, type TestApp } from '../support/app';
import { scopeOf, type Scope } from '../support/hazard-fixtures';

const HAZARD = 'id status version deadline closedAt';
const REPORT = `mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { ${HAZARD} code townCode } }`;
const START = `mutation ($id: ID!, $v: Int!, $five: FiveInPlaceInput!) { startRectification(id: $id, version: $v, fiveInPlace: $five) { ${HAZARD} } }`;
const SUBMIT = `mutation ($id: ID!, $v: Int!, $note: String!) { submitRectification(id: $id, version: $v, note: $note) { ${HAZARD} } }`;
const VERIFY = `mutation ($id: ID!, $v: Int!, $ok: Boolean!, $note: String!) { verifyRectification(id: $id, version: $v, passed: $ok, note: $note) { ${HAZARD} } }`;
const REOPEN = `mutation ($id: ID!, $v: Int!, $reason: String!) { reopenHazard(id: $id, version: $v, reason: $reason) { ${HAZARD} } }`;
const EXTEND = `mutation ($id: ID!, $v: Int!, $d: LocalDate!, $reason: String!) { extendDeadline(id: $id, version: $v, newDeadline: $d, reason: $reason) { ${HAZARD} } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

let app: TestApp;
let town: Scope;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  town = await scopeOf(app.db.pool, 'town');
  token = await app.login('town');
});
afterAll(() => app.close());

/** Runs a mutation that must succeed and returns its single field. */
async function ok(query: string, variables: Record<string, unknown>, as = token): Promise<any> {
  const result = await app.gql(query, variables, as);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0];
}

describe('the hazard life cycle', () => {
  it('runs report → start → submit → verify (fail) → submit → verify (pass) → reopen, each step in the history, verified by someone else', async () => {
    // Whoever starts or submits a rectification does not verify it (docs/closed-loop.md).
    const verifier = await app.login('admin');
    const { rows: [admin] } = await app.db.pool.query(`select id from users where username = 'admin'`);
    const reported = await ok(REPORT, { input: {
      description: '配电箱未接地', level: 'GENERAL', sector: 'FIRE_SAFETY', source: 'SUPERVISION',
      location: { lng: town.lng, lat: town.lat }, placeName: '农贸市场',
    } });
    expect(reported).toMatchObject({ status: 'REPORTED', townCode: town.townCode, version: 1 });

    const five = { responsiblePerson: '张三', measures: '加装接地线', fundsYuan: 3000, deadline: inDays(20), contingencyPlan: '断电警戒' };
    let h = await ok(START, { id: reported.id, v: reported.version, five });
    expect(h).toMatchObject({ status: 'RECTIFYING', deadline: five.deadline });
    h = await ok(EXTEND, { id: h.id, v: h.version, d: inDays(40), reason: '材料未到货' });
    expect(h.deadline).toBe(inDays(40));
    h = await ok(SUBMIT, { id: h.id, v: h.version, note: '已整改' });
    expect(h.status).toBe('AWAITING_VERIFICATION');
    h = await ok(VERIFY, { id: h.id, v: h.version, ok: false, note: '接地电阻不合格' }, verifier);
    expect(h.status).toBe('RECTIFYING');
    h = await ok(SUBMIT, { id: h.id, v: h.version, note: '重新整改' });
    h = await ok(VERIFY, { id: h.id, v: h.version, ok: true, note: '验收合格' }, verifier);
    expect(h).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    h = await ok(REOPEN, { id: h.id, v: h.version, reason: '回头看发现复发' });
    expect(h).toMatchObject({ status: 'RECTIFYING', closedAt: null });

    const { rows } = await app.db.pool.query(
      'select event, from_status, to_status, actor_id, note from hazard_history where hazard_id = $1 order by id', [h.id]);
    expect(rows).toEqual([
      { event: 'CREATED', from_status: null, to_status: 'REPORTED', actor_id: town.viewer.userId, note: null },
      { event: 'TRANSITION', from_status: 'REPORTED', to_status: 'RECTIFYING', actor_id: town.viewer.userId, note: expect.any(String) },
      { event: 'DEADLINE_EXTENDED', from_status: 'RECTIFYING', to_status: 'RECTIFYING', actor_id: town.viewer.userId, note: '材料未到货' },
      { event: 'TRANSITION', from_status: 'RECTIFYING', to_status: 'AWAITING_VERIFICATION', actor_id: town.viewer.userId, note: '已整改' },
      { event: 'TRANSITION', from_status: 'AWAITING_VERIFICATION', to_status: 'RECTIFYING', actor_id: admin.id, note: '接地电阻不合格' },
      { event: 'TRANSITION', from_status: 'RECTIFYING', to_status: 'AWAITING_VERIFICATION', actor_id: town.viewer.userId, note: '重新整改' },
      { event: 'TRANSITION', from_status: 'AWAITING_VERIFICATION', to_status: 'CLOSED', actor_id: admin.id, note: '验收合格' },
      { event: 'TRANSITION', from_status: 'CLOSED', to_status: 'RECTIFYING', actor_id: town.viewer.userId, note: '回头看发现复发' },
    ]);
  });

  it('records the hazards an inspection found, with the inspection and its enforcement', async () => {
    const inspector = await scopeOf(app.db.pool, 'inspector');
    const result = await app.gql(
      `mutation ($input: CreateInspectionInput!) { createInspection(input: $input) { id townCode kind } }`,
      { input: {
        townCode: inspector.townCode, sector: inspector.sector, inspectedOn: inDays(0), department: '应急管理局',
        inspectors: ['李四'], kind: 'UNANNOUNCED',
        findings: [
          { description: '安全出口堵塞', level: 'GENERAL', location: { lng: inspector.lng, lat: inspector.lat } },
          { description: '无证上岗', level: 'MAJOR', location: { geojson: { type: 'Point', coordinates: [inspector.lng, inspector.lat] } } },
        ],
        actions: [{ kind: 'ORDER_RECTIFY' }, { kind: 'FINE', fineAmountYuan: 20000 }],
      } },
      await app.login('inspector'));
    expect(result.errors).toBeUndefined();
    const id = result.data.createInspection.id;
    const { rows: hazards } = await app.db.pool.query(
      'select source, status, sector, town_code from hazards where inspection_id = $1 order by id', [id]);
    expect(hazards).toEqual([
      { source: 'UNANNOUNCED_VISIT', status: 'REPORTED', sector: inspector.sector, town_code: inspector.townCode },
      { source: 'UNANNOUNCED_VISIT', status: 'REPORTED', sector: inspector.sector, town_code: inspector.townCode },
    ]);
    const { rows: actions } = await app.db.pool.query('select kind, fine_amount_yuan from enforcement_actions where inspection_id = $1 order by id', [id]);
    expect(actions).toEqual([{ kind: 'ORDER_RECTIFY', fine_amount_yuan: null }, { kind: 'FINE', fine_amount_yuan: 20000 }]);
  });
});
