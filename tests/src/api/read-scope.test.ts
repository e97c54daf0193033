import { errorCode, startTestApp, type TestApp } from '../support/app';

// Row-level security decides what every read returns: lists, lookups by id, nested
// fields, counts, aggregates and density cells. Each role is checked against the database
// read outside row-level security.

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface UserScope {
  jurisdictionCode: string | null;
  sectors: string[];
  enterpriseId: string | null;
}

async function scopeOf(username: string): Promise<UserScope> {
  const { rows: [user] } = await app.db.pool.query(
    'select jurisdiction_code as "jurisdictionCode", sectors::text[] as sectors, enterprise_id::text as "enterpriseId" from users where username = $1', [username]);
  return user;
}

async function one<T = any>(sql: string, values: unknown[] = []): Promise<T> {
  return (await app.db.pool.query(sql, values)).rows[0];
}

const EVERYTHING = `query ($bbox: BBox!) {
  hazards(first: 500) { totalCount edges { node { id townCode sector enterpriseId enterprise { id townCode } town { code } } } }
  enterprises(first: 500) { totalCount edges { node { id townCode } } }
  roadSegments(first: 500) { totalCount edges { node { townCode } } }
  inspections(first: 500) { totalCount edges { node { townCode sector findings { townCode } } } }
  accidents(first: 500) { totalCount edges { node { townCode enterpriseId } } }
  hazardDensity(bbox: $bbox, zoom: 3) { count }
}`;
const WORLD = [-180, -90, 180, 90];

describe('a town official', () => {
  let token: string;
  let town: string;
  beforeAll(async () => {
    token = await app.login('town');
    town = (await scopeOf('town')).jurisdictionCode!;
  });

  it('sees only their town in every list, nested field and count', async () => {
    const { data, errors } = await app.gql(EVERYTHING, { bbox: WORLD }, token);
    expect(errors).toBeUndefined();
    for (const list of ['hazards', 'enterprises', 'roadSegments', 'inspections', 'accidents']) {
      expect(data[list].edges.every(({ node }: { node: { townCode: string } }) => node.townCode === town)).toBe(true);
    }
    for (const { node } of data.hazards.edges) {
      expect(node.town.code).toBe(town);
      if (node.enterprise) expect(node.enterprise.townCode).toBe(town);
    }
    const counts = await one(`select
      (select count(*)::int from hazards where town_code = $1) as hazards,
      (select count(*)::int from hazards where town_code = $1 and status <> 'CLOSED') as open,
      (select count(*)::int from enterprises where town_code = $1) as enterprises,
      (select count(*)::int from inspections where town_code = $1) as inspections`, [town]);
    expect(data.hazards.totalCount).toBe(counts.hazards);
    expect(data.enterprises.totalCount).toBe(counts.enterprises);
    expect(data.inspections.totalCount).toBe(counts.inspections);
    expect(data.hazardDensity.reduce((sum: number, cell: { count: number }) => sum + cell.count, 0)).toBe(counts.open);
  });

  it('gets null for a hazard, enterprise, road segment, inspection or accident of another town', async () => {
    const other = await one(`select
      (select min(id)::text from hazards where town_code <> $1) as h, (select min(id)::text from enterprises where town_code <> $1) as e,
      (select min(id)::text from road_segments where town_code <> $1) as r, (select min(id)::text from inspections where town_code <> $1) as i,
      (select min(id)::text from accidents where town_code <> $1) as a`, [town]);
    const result = await app.gql(`query ($h: ID!, $e: ID!, $r: ID!, $i: ID!, $a: ID!) {
      hazard(id: $h) { id } enterprise(id: $e) { id } roadSegment(id: $r) { id } inspection(id: $i) { id } accident(id: $a) { id } }`, other, token);
    expect(result.data).toEqual({ hazard: null, enterprise: null, roadSegment: null, inspection: null, accident: null });
  });

  it('gets figures of their own town only, and nothing when asking for another county', async () => {
    const stats = await app.gql('{ jurisdictionStats(parentCode: "430900", level: town) { code found } }', {}, token);
    expect(stats.data.jurisdictionStats.map((s: { code: string }) => s.code)).toEqual([town]);
    const county = await one('select code from jurisdictions where level = \'county\' and code <> left($1, 6) order by code limit 1', [town]);
    const refused = await app.gql(`{ hazards(filter: { jurisdictionCode: "${county.code}" }) { totalCount } }`, {}, token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    const trend = await app.gql('{ hazardTrend(from: "2021-01-01", to: "2029-12-31", interval: MONTH) { found } }', {}, token);
    const found = trend.data.hazardTrend.reduce((sum: number, b: { found: number }) => sum + b.found, 0);
    expect(found).toBe((await one(`select count(*)::int as n from hazards where town_code = $1 and found_at >= '2021-01-01'`, [town])).n);
  });
});

describe('a department inspector', () => {
  it('sees only hazards and inspections of their sectors in their county', async () => {
    const token = await app.login('inspector');
    const scope = await scopeOf('inspector');
    const { data, errors } = await app.gql(EVERYTHING, { bbox: WORLD }, token);
    expect(errors).toBeUndefined();
    for (const list of ['hazards', 'inspections']) {
      for (const { node } of data[list].edges) {
        expect(scope.sectors).toContain(node.sector);
        expect(node.townCode.startsWith(scope.jurisdictionCode!)).toBe(true);
      }
    }
    const expected = await one(`select count(*)::int as n from hazards where town_code like $1 || '%' and sector = any($2::text[])`,
      [scope.jurisdictionCode, scope.sectors]);
    expect(data.hazards.totalCount).toBe(expected.n);
    // Road safety is the ROAD_TRAFFIC sector.
    if (!scope.sectors.includes('ROAD_TRAFFIC')) expect(data.roadSegments.totalCount).toBe(0);
  });
});

describe('an enterprise user', () => {
  it('sees only their own enterprise and its hazards', async () => {
    const token = await app.login('enterprise');
    const scope = await scopeOf('enterprise');
    const { data, errors } = await app.gql(EVERYTHING, { bbox: WORLD }, token);
    expect(errors).toBeUndefined();
    expect(data.enterprises.edges.map(({ node }: { node: { id: string } }) => node.id)).toEqual([scope.enterpriseId]);
    expect(data.hazards.edges.every(({ node }: { node: { enterpriseId: string } }) => node.enterpriseId === scope.enterpriseId)).toBe(true);
    expect(data.hazards.totalCount).toBe((await one('select count(*)::int as n from hazards where enterprise_id = $1', [scope.enterpriseId])).n);
    expect(data.roadSegments.totalCount).toBe(0);
  });
});

describe('the public', () => {
  it('reads nothing of the ledger', async () => {
    const { data, errors } = await app.gql(EVERYTHING, { bbox: WORLD });
    expect(errors).toBeUndefined();
    for (const list of ['hazards', 'enterprises', 'roadSegments', 'inspections', 'accidents']) expect(data[list].totalCount).toBe(0);
    expect(data.hazardDensity).toEqual([]);
    const hazardId = (await one('select min(id)::text as id from hazards')).id;
    expect((await app.gql(`{ hazard(id: "${hazardId}") { id } }`)).data.hazard).toBeNull();
    expect(errorCode(await app.gql('{ jurisdictionStats(parentCode: "430900") { code } }'))).toBe('BAD_USER_INPUT');
  });
});
