import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { freshHazard, hazardState, scopeOf, townOutside, type Scope } from '../support/hazard-fixtures';

const START = `mutation ($id: ID!, $v: Int!, $five: FiveInPlaceInput!) { startRectification(id: $id, version: $v, fiveInPlace: $five) { id } }`;
const SUBMIT = `mutation ($id: ID!, $v: Int!) { submitRectification(id: $id, version: $v, note: "done") { id } }`;
const VERIFY = `mutation ($id: ID!, $v: Int!) { verifyRectification(id: $id, version: $v, passed: true, note: "ok") { id } }`;
const EXTEND = `mutation ($id: ID!, $v: Int!, $d: LocalDate!, $reason: String!) { extendDeadline(id: $id, version: $v, newDeadline: $d, reason: $reason) { id } }`;
const REPORT = `mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }`;
const ENTERPRISE = `mutation ($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id creditCode } }`;
const INSPECTION = `mutation ($input: CreateInspectionInput!) { createInspection(input: $input) { id } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
const five = (overrides: Record<string, unknown> = {}) =>
  ({ responsiblePerson: '张三', measures: '整改', fundsYuan: 100, deadline: inDays(10), contingencyPlan: '预案', ...overrides });

let app: TestApp;
let town: Scope;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  town = await scopeOf(app.db.pool, 'town');
  token = await app.login('town');
});
afterAll(() => app.close());

async function count(table: 'hazards' | 'enterprises' | 'inspections' | 'hazard_history'): Promise<number> {
  const { rows: [row] } = await app.db.pool.query(`select count(*)::int as n from ${table}`);
  return row.n;
}

/** Sends a refused mutation on a fresh hazard and checks its code and that the hazard is as before. */
async function refusedOnHazard(
  status: Parameters<typeof freshHazard>[2], query: string, variables: (h: { id: string; version: number }) => Record<string, unknown>, code: string,
): Promise<string> {
  const hazard = await freshHazard(app.db.pool, town, status);
  const before = await hazardState(app.db.pool, hazard.id);
  const result = await app.gql(query, variables(hazard), token);
  expect(errorCode(result)).toBe(code);
  expect(await hazardState(app.db.pool, hazard.id)).toEqual(before);
  return result.errors![0]!.message;
}

describe('bad input is answered with its code and changes nothing', () => {
  it('a deadline in the past is refused when rectification starts', async () => {
    const message = await refusedOnHazard('REPORTED', START, (h) => ({ id: h.id, v: h.version, five: five({ deadline: inDays(-1) }) }), 'BAD_USER_INPUT');
    expect(message).toMatch(/past/);
  });

  it('rectification without all five in place names the missing ones', async () => {
    const message = await refusedOnHazard('REPORTED', START,
      (h) => ({ id: h.id, v: h.version, five: five({ measures: null, contingencyPlan: '  ' }) }), 'BAD_USER_INPUT');
    expect(message).toMatch(/measures/);
    expect(message).toMatch(/contingencyPlan/);
    expect(message).not.toMatch(/responsiblePerson/);
  });

  it('an illegal transition is INVALID_TRANSITION: a REPORTED hazard cannot be verified', async () => {
    await refusedOnHazard('REPORTED', VERIFY, (h) => ({ id: h.id, v: h.version }), 'INVALID_TRANSITION');
  });

  it('a CLOSED hazard cannot start rectification again except by reopening', async () => {
    await refusedOnHazard('CLOSED', START, (h) => ({ id: h.id, v: h.version, five: five() }), 'INVALID_TRANSITION');
  });

  it('a stale version is a CONFLICT', async () => {
    await refusedOnHazard('RECTIFYING', SUBMIT, (h) => ({ id: h.id, v: h.version - 1 }), 'CONFLICT');
  });

  it('an unknown id is NOT_FOUND, a malformed one BAD_USER_INPUT', async () => {
    const history = await count('hazard_history');
    expect(errorCode(await app.gql(SUBMIT, { id: '999999999', v: 1 }, token))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(SUBMIT, { id: 'abc', v: 1 }, token))).toBe('BAD_USER_INPUT');
    expect(await count('hazard_history')).toBe(history);
  });

  it('a deadline extension needs a reason, a later date and a date not in the past', async () => {
    await refusedOnHazard('RECTIFYING', EXTEND, (h) => ({ id: h.id, v: h.version, d: inDays(60), reason: ' ' }), 'BAD_USER_INPUT');
    await refusedOnHazard('RECTIFYING', EXTEND, (h) => ({ id: h.id, v: h.version, d: inDays(5), reason: '提前' }), 'BAD_USER_INPUT');
    await refusedOnHazard('RECTIFYING', EXTEND, (h) => ({ id: h.id, v: h.version, d: inDays(-5), reason: '补录' }), 'BAD_USER_INPUT');
  });

  describe('reports that are not placed right', () => {
    const report = (location: Record<string, unknown>, townCode?: string) => ({ input: {
      description: 'x', level: 'GENERAL', sector: 'FIRE_SAFETY', source: 'SUPERVISION', location, ...(townCode ? { townCode } : {}),
    } });

    it.each([
      ['a longitude out of range', { lng: 200, lat: 28 }],
      ['a latitude out of range', { lng: 112, lat: -91 }],
      ['a GeoJSON point out of range', { geojson: { type: 'Point', coordinates: [112, 95] } }],
      ['both lng/lat and GeoJSON', { lng: 112, lat: 28, geojson: { type: 'Point', coordinates: [112, 28] } }],
      ['a point outside every town', { lng: 0, lat: 0 }],
    ])('%s is BAD_USER_INPUT', async (_name, location) => {
      const before = await count('hazards');
      expect(errorCode(await app.gql(REPORT, report(location), token))).toBe('BAD_USER_INPUT');
      expect(await count('hazards')).toBe(before);
    });

    it('a point outside the given town is BAD_USER_INPUT', async () => {
      const elsewhere = await townOutside(app.db.pool, town.townCode);
      const before = await count('hazards');
      const result = await app.gql(REPORT, report({ lng: elsewhere.lng, lat: elsewhere.lat }, town.townCode), token);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toMatch(/outside town/);
      expect(await count('hazards')).toBe(before);
    });
  });

  it('a credit code with a wrong check character is BAD_USER_INPUT naming the right one', async () => {
    const body = '91430900MA4L0A1B2';
    const right = creditCodeCheckCharacter(body);
    const wrong = right === '0' ? '1' : '0';
    const before = await count('enterprises');
    const result = await app.gql(ENTERPRISE, { input: {
      name: '测试化工有限公司', creditCode: body + wrong, sector: 'HAZARDOUS_CHEMICALS', riskLevel: 'ORANGE',
      location: { lng: town.lng, lat: town.lat },
    } }, token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(`should be ${right}`);
    expect(await count('enterprises')).toBe(before);
  });

  it('an inspection with one misplaced finding writes nothing at all', async () => {
    const [inspections, hazards] = [await count('inspections'), await count('hazards')];
    const result = await app.gql(INSPECTION, { input: {
      townCode: town.townCode, sector: 'FIRE_SAFETY', inspectedOn: inDays(0), department: '消防', kind: 'ROUTINE',
      findings: [
        { description: 'ok', level: 'GENERAL', location: { lng: town.lng, lat: town.lat } },
        { description: 'nowhere', level: 'GENERAL', location: { lng: 0, lat: 0 } },
      ],
    } }, token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect([await count('inspections'), await count('hazards')]).toEqual([inspections, hazards]);
  });

  it('a fine without an amount is BAD_USER_INPUT', async () => {
    const before = await count('inspections');
    const result = await app.gql(INSPECTION, { input: {
      townCode: town.townCode, sector: 'FIRE_SAFETY', inspectedOn: inDays(0), department: '消防', kind: 'ROUTINE',
      actions: [{ kind: 'FINE' }],
    } }, token);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(await count('inspections')).toBe(before);
  });
});
