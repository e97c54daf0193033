import 'reflect-metadata';
import { RequestDb } from '@risk/api/common/request-db';
import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import * as hazards from '@risk/api/hazard/hazard.mutation.service';
import { errorCode, startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { freshHazard, hazardState, scopeOf, townOutside, type Scope, type Status } from '../support/hazard-fixtures';

const ROLES = ['admin', 'leader', 'analyst', 'inspector', 'town', 'enterprise', 'public'] as const;
type Role = (typeof ROLES)[number];
/** 'ok', or the error code expected. */
type Outcome = string;

const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function newCreditCode(): string {
  const body = '91430900' + Array.from({ length: 9 }, () => ALPHABET[Math.floor(Math.random() * 31)]).join('');
  return body + creditCodeCheckCharacter(body);
}

let app: TestApp;
const scopes = {} as Record<Role, Scope>;
const tokens = {} as Record<Role, string | undefined>;

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_REPORTS_PER_HOUR: '1000' });
  for (const role of ROLES) {
    // The public has no scope of its own: it acts on the town official's rows.
    scopes[role] = await scopeOf(app.db.pool, role === 'public' ? 'town' : role);
    tokens[role] = role === 'public' ? undefined : await app.login(role);
  }
});
afterAll(() => app.close());

const outcome = (result: GraphQLResult): Outcome => errorCode(result) ?? 'ok';
const F = 'FORBIDDEN';
const U = 'UNAUTHENTICATED';

/** A transition mutation run by `role` on a fresh hazard of its own scope in status `from`. */
function onHazard(from: Status, mutation: string) {
  return async (role: Role) => {
    const hazard = await freshHazard(app.db.pool, scopes[role], from);
    return app.gql(`mutation ($id: ID!, $v: Int!) { ${mutation.replace('$ID', '$id').replace('$V', '$v')} { id status } }`,
      { id: hazard.id, v: hazard.version }, tokens[role]);
  };
}

const where = (role: Role) => ({ lng: scopes[role].lng, lat: scopes[role].lat });

const MUTATIONS: Record<string, { run: (role: Role) => Promise<GraphQLResult>; expected: Record<Role, Outcome | (() => Outcome)> }> = {
  reportHazard: {
    run: (role) => app.gql('mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }', { input: {
      description: '消防通道堵塞', level: 'GENERAL', sector: scopes[role].sector, location: where(role),
      source: role === 'enterprise' ? 'SELF_INSPECTION' : 'SUPERVISION',
    } }, tokens[role]),
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: 'ok', public: U },
  },
  startRectification: {
    run: async (role) => {
      const hazard = await freshHazard(app.db.pool, scopes[role], 'REPORTED');
      return app.gql('mutation ($id: ID!, $v: Int!, $five: FiveInPlaceInput!) { startRectification(id: $id, version: $v, fiveInPlace: $five) { id } }',
        { id: hazard.id, v: hazard.version, five: { responsiblePerson: 'a', measures: 'b', fundsYuan: 1, deadline: inDays(9), contingencyPlan: 'c' } },
        tokens[role]);
    },
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: 'ok', public: U },
  },
  submitRectification: {
    run: onHazard('RECTIFYING', 'submitRectification(id: $ID, version: $V, note: "done")'),
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: 'ok', public: U },
  },
  verifyRectification: {
    run: onHazard('AWAITING_VERIFICATION', 'verifyRectification(id: $ID, version: $V, passed: true, note: "ok")'),
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: F, public: U },
  },
  reopenHazard: {
    run: onHazard('CLOSED', 'reopenHazard(id: $ID, version: $V, reason: "回头看")'),
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: F, public: U },
  },
  extendDeadline: {
    run: onHazard('RECTIFYING', `extendDeadline(id: $ID, version: $V, newDeadline: "${inDays(90)}", reason: "延期")`),
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: F, public: U },
  },
  listForSupervision: {
    // 挂牌督办 applies to major hazards only (docs/closed-loop.md).
    run: async (role) => {
      const hazard = await freshHazard(app.db.pool, scopes[role], 'REPORTED', 'MAJOR');
      return app.gql('mutation ($id: ID!, $input: ListForSupervisionInput!) { listForSupervision(hazardId: $id, input: $input) { listedLevel } }',
        { id: hazard.id, input: {
          level: 'COUNTY', listingBody: '县安委会', rectifyingUnit: 'a', rectifyingHead: 'b', regulatingUnit: 'c',
          regulatingHead: 'd', supervisingOfficial: 'e', deadline: inDays(30), yearListed: new Date().getFullYear(),
        } }, tokens[role]);
    },
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: F, enterprise: F, public: U },
  },
  createEnterprise: {
    run: (role) => app.gql('mutation ($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id } }', { input: {
      name: '测试企业', creditCode: newCreditCode(), sector: scopes[role].sector, riskLevel: 'BLUE', location: where(role),
    } }, tokens[role]),
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: F, public: U },
  },
  createRoadSegment: {
    run: (role) => app.gql('mutation ($input: CreateRoadSegmentInput!) { createRoadSegment(input: $input) { id } }', { input: {
      roadName: '测试路', roadNumber: 'X012', roadClass: 'COUNTY', startChainageM: 100, endChainageM: 120, riskLevel: 'YELLOW',
      geometry: { type: 'LineString', coordinates: [[scopes[role].lng, scopes[role].lat], [scopes[role].lng + 0.0001, scopes[role].lat]] },
    } }, tokens[role]),
    // Road safety is the ROAD_TRAFFIC sector for a department inspector (0004).
    expected: { admin: 'ok', leader: F, analyst: F, inspector: () => (scopes.inspector.viewer.sectors.includes('ROAD_TRAFFIC') ? 'ok' : F),
      town: 'ok', enterprise: F, public: U },
  },
  createAccident: {
    run: (role) => app.gql('mutation ($input: CreateAccidentInput!) { createAccident(input: $input) { id grade } }', { input: {
      occurredAt: new Date().toISOString(), location: where(role), sector: scopes[role].sector, description: '高处坠落', deaths: 1,
    } }, tokens[role]),
    expected: { admin: 'ok', leader: F, analyst: F, inspector: 'ok', town: 'ok', enterprise: F, public: U },
  },
  reportHazardPublic: {
    run: (role) => app.gql('mutation ($input: PublicReportInput!) { reportHazardPublic(input: $input) { receipt } }', { input: {
      description: '路边有油罐车违停', sector: 'HAZARDOUS_CHEMICALS', location: where(role),
    } }, tokens[role]),
    expected: { admin: 'ok', leader: 'ok', analyst: 'ok', inspector: 'ok', town: 'ok', enterprise: 'ok', public: 'ok' },
  },
};

describe.each(Object.entries(MUTATIONS))('%s in the role\'s own scope', (_name, { run, expected }) => {
  it.each(ROLES)('as %s', async (role) => {
    const want = expected[role];
    expect(outcome(await run(role))).toBe(typeof want === 'function' ? want() : want);
  });
});

describe('out of scope', () => {
  const START = 'mutation ($id: ID!, $v: Int!) { submitRectification(id: $id, version: $v, note: "x") { id } }';

  it('a town official cannot see, hence not change, a hazard of another town', async () => {
    const other = await townOutside(app.db.pool, scopes.town.townCode);
    const hazard = await freshHazard(app.db.pool, { ...other, sector: 'FIRE_SAFETY', enterpriseId: null }, 'RECTIFYING');
    const before = await hazardState(app.db.pool, hazard.id);
    expect(errorCode(await app.gql(START, { id: hazard.id, v: hazard.version }, tokens.town))).toBe('NOT_FOUND');
    expect(await hazardState(app.db.pool, hazard.id)).toEqual(before);
  });

  it('a town official cannot report a hazard in another town', async () => {
    const other = await townOutside(app.db.pool, scopes.town.townCode);
    const { rows: [before] } = await app.db.pool.query('select count(*)::int as n from hazards');
    const result = await app.gql('mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }', { input: {
      description: 'x', level: 'GENERAL', sector: 'FIRE_SAFETY', source: 'SUPERVISION', location: { lng: other.lng, lat: other.lat },
    } }, tokens.town);
    expect(errorCode(result)).toBe('FORBIDDEN');
    const { rows: [after] } = await app.db.pool.query('select count(*)::int as n from hazards');
    expect(after.n).toBe(before.n);
  });

  it('a department inspector cannot report outside the sectors of the department', async () => {
    const { rows: [other] } = await app.db.pool.query(
      'select s from unnest(array[\'FIRE_SAFETY\', \'COAL_MINE\', \'FIREWORKS\']) s where s <> all($1::text[]) limit 1', [scopes.inspector.viewer.sectors]);
    const result = await app.gql('mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }', { input: {
      description: 'x', level: 'GENERAL', sector: other.s, source: 'DEPARTMENT_INSPECTION', location: where('inspector'),
    } }, tokens.inspector);
    expect(errorCode(result)).toBe('FORBIDDEN');
  });

  it('an enterprise reports only self-inspection finds of its own enterprise', async () => {
    const report = (extra: Record<string, unknown>) => app.gql('mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }',
      { input: { description: 'x', level: 'GENERAL', sector: scopes.enterprise.sector, location: where('enterprise'), source: 'SELF_INSPECTION', ...extra } },
      tokens.enterprise);
    expect(errorCode(await report({ source: 'DEPARTMENT_INSPECTION' }))).toBe('FORBIDDEN');
    expect(errorCode(await report({ enterpriseId: String(scopes.enterprise.enterpriseId! + 1) }))).toBe('FORBIDDEN');
  });

  it('an enterprise cannot see a hazard of its town that is not its own', async () => {
    const hazard = await freshHazard(app.db.pool, { ...scopes.enterprise, enterpriseId: null }, 'RECTIFYING');
    expect(errorCode(await app.gql(START, { id: hazard.id, v: hazard.version }, tokens.enterprise))).toBe('NOT_FOUND');
  });
});

describe('the database refuses what a missing role check would let through', () => {
  /** Calls a service directly, as the resolver would, then rolls the request back. */
  async function asViewer<T>(role: Role, fn: (db: RequestDb) => Promise<T>): Promise<T> {
    const db = new RequestDb(app.db.pool, scopes[role].viewer);
    try {
      return await fn(db);
    } finally {
      await db.finish(false);
    }
  }

  it('an enterprise user cannot close its own hazard, even with its own SQL', async () => {
    const hazard = await freshHazard(app.db.pool, scopes.enterprise, 'AWAITING_VERIFICATION');
    const before = await hazardState(app.db.pool, hazard.id);
    await expect(asViewer('enterprise', (db) => db.query(`update hazards set status = 'CLOSED' where id = $1`, [hazard.id])))
      .rejects.toMatchObject({ code: 'RS005' });
    expect(await hazardState(app.db.pool, hazard.id)).toEqual(before);
  });

  it('a leader cannot write a hazard, even through the service', async () => {
    const { rows: [before] } = await app.db.pool.query('select count(*)::int as n from hazards');
    await expect(asViewer('leader', (db) => hazards.createHazard(db, {
      description: 'x', level: 'GENERAL' as never, sector: scopes.leader.sector as never, hazardType: null, source: 'SUPERVISION' as never,
      enterpriseId: null, roadSegmentId: null, placeName: null, lngLat: [scopes.leader.lng, scopes.leader.lat], townCode: null,
      foundAt: null, inspectionId: null,
    }))).rejects.toMatchObject({ code: '42501' });
    const { rows: [after] } = await app.db.pool.query('select count(*)::int as n from hazards');
    expect(after.n).toBe(before.n);
  });

  it('a town official cannot move a hazard of another town, even through the service', async () => {
    const other = await townOutside(app.db.pool, scopes.town.townCode);
    const hazard = await freshHazard(app.db.pool, { ...other, sector: 'FIRE_SAFETY', enterpriseId: null }, 'RECTIFYING');
    const before = await hazardState(app.db.pool, hazard.id);
    await expect(asViewer('town', (db) => hazards.submitRectification(db, Number(hazard.id), hazard.version, 'x')))
      .rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(await hazardState(app.db.pool, hazard.id)).toEqual(before);
  });
});
