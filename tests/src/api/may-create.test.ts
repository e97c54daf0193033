import 'reflect-metadata';
import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { errorCode, startTestApp, type TestApp } from '../support/app';

// Me.mayCreate tells the web which forms to show; it must say what the create mutations
// then do. Each mutation below is sent with input that passes the role check and then fails
// on content (BAD_USER_INPUT), so nothing is written whoever sends it.
const ROLES = ['admin', 'leader', 'analyst', 'inspector', 'town', 'enterprise', 'public'] as const;
const point = '{ lng: 112.3, lat: 28.5 }';
const CREATES = {
  hazard: `mutation { reportHazard(input: { description: " ", level: GENERAL, sector: FIRE_SAFETY, source: SELF_INSPECTION, location: ${point} }) { id } }`,
  enterprise: `mutation { createEnterprise(input: { name: "x", creditCode: "BAD", sector: FIRE_SAFETY, riskLevel: BLUE, location: ${point} }) { id } }`,
  inspection: 'mutation { createInspection(input: { department: " ", inspectedOn: "2020-01-01", kind: ROUTINE, sector: FIRE_SAFETY, townCode: "430902001" }) { id } }',
  roadSegment: `mutation { createRoadSegment(input: { roadName: "x", roadNumber: "X001", roadClass: COUNTY, riskLevel: BLUE, startChainageM: 10, endChainageM: 5,
    geometry: { type: "LineString", coordinates: [[112.3, 28.5], [112.31, 28.51]] } }) { id } }`,
  accident: `mutation { createAccident(input: { description: " ", sector: FIRE_SAFETY, occurredAt: "2020-01-01T00:00:00Z", location: ${point} }) { id } }`,
} as const;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe.each(ROLES)('Me.mayCreate of %s', (role) => {
  it('says what each create mutation lets the role do', async () => {
    const token = role === 'public' ? undefined : await app.login(role);
    const me = await app.gql('query { me { mayCreate { hazard enterprise inspection roadSegment accident } } }', {}, token);
    const mayCreate = me.data.me.mayCreate as Record<keyof typeof CREATES, boolean>;
    for (const [kind, mutation] of Object.entries(CREATES) as [keyof typeof CREATES, string][]) {
      const code = errorCode(await app.gql(mutation, {}, token));
      const refused = role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect({ kind, code }).toEqual({ kind, code: mayCreate[kind] ? 'BAD_USER_INPUT' : refused });
    }
  });
});

describe('Query.creditCodeCheck', () => {
  const body = '91430900MA4L16JR6';
  const expected = creditCodeCheckCharacter(body);
  const wrong = expected === 'A' ? 'B' : 'A';
  const check = async (code: string) =>
    (await app.gql('query ($code: String!) { creditCodeCheck(code: $code) { code valid problem expectedCheckCharacter } }', { code })).data.creditCodeCheck;

  it('passes a valid code, typed in lower case with spaces around it', async () => {
    expect(await check(` ${(body + expected).toLowerCase()} `)).toEqual({ code: body + expected, valid: true, problem: null, expectedCheckCharacter: null });
  });
  it('names the check character a wrong one should be', async () => {
    expect(await check(body + wrong)).toEqual({ code: body + wrong, valid: false, problem: 'CHECK_CHARACTER', expectedCheckCharacter: expected });
  });
  it('refuses a code of the wrong shape (letters I, O, S, V, Z; not 18 characters)', async () => {
    expect(await check('91430900MA4L16JRO1')).toMatchObject({ valid: false, problem: 'SHAPE' });
    expect(await check('9143')).toMatchObject({ valid: false, problem: 'SHAPE' });
  });
  it('refuses a long text as bad input instead of checking it', async () => {
    expect(errorCode(await app.gql('query ($code: String!) { creditCodeCheck(code: $code) { valid } }', { code: 'x'.repeat(51) }))).toBe('BAD_USER_INPUT');
  });
});
