import { errorCode, startTestApp, type TestApp } from '../support/app';

// The read side as an analyst of the whole city sees it: lists, filters, pages, lookups,
// bad input and the cost of nested fields.

let app: TestApp;
let analyst: string;

beforeAll(async () => {
  app = await startTestApp({ MAX_QUERY_COST: '20000' });
  analyst = await app.login('analyst');
});
afterAll(() => app.close());

const HAZARDS = `query ($filter: HazardFilter, $first: Int, $after: String, $orderBy: HazardOrder) {
  hazards(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id code level sector status source townCode overdue overdueDays daysToDeadline deadline foundAt
      listedLevel enterpriseId roadSegmentId lng lat description placeName } }
  }
}`;

interface HazardNode {
  id: string; code: string; level: string; sector: string; status: string; source: string; townCode: string;
  overdue: boolean; overdueDays: number; daysToDeadline: number | null; deadline: string | null; foundAt: string;
  listedLevel: string | null; enterpriseId: string | null; roadSegmentId: string | null; lng: number; lat: number;
  description: string; placeName: string | null;
}

async function hazards(variables: Record<string, unknown>, token = analyst) {
  const result = await app.gql(HAZARDS, variables, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const connection = result.data.hazards;
  return { ...connection, nodes: connection.edges.map((edge: { node: HazardNode }) => edge.node) as HazardNode[] };
}

async function sqlCount(where: string, values: unknown[] = []): Promise<number> {
  const { rows: [row] } = await app.db.pool.query(`select count(*)::int as n from hazards h where ${where}`, values);
  return row.n;
}

const CITY_TOWNS = `h.town_code like '4309%'`;

describe('hazard lists', () => {
  it('count every hazard of the city for an analyst of the city', async () => {
    const { totalCount } = await hazards({ first: 0 });
    expect(totalCount).toBe(await sqlCount(CITY_TOWNS));
    expect(totalCount).toBeGreaterThan(100);
  });

  it('walk all pages with cursors, each row once, in the asked order', async () => {
    const seen: HazardNode[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Awaited<ReturnType<typeof hazards>> = await hazards({ first: 500, after, orderBy: 'FOUND_AT_DESC' });
      seen.push(...page.nodes);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen.map((h) => h.id)).size).toBe(seen.length);
    expect(seen.length).toBe(await sqlCount(CITY_TOWNS));
    const times = seen.map((h) => Date.parse(h.foundAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('put the most overdue first by default, and overdue matches the database rule', async () => {
    const { nodes } = await hazards({ first: 200 });
    const days = nodes.map((h) => h.overdueDays);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(days[0]).toBeGreaterThan(0);
    const { rows } = await app.db.pool.query('select id::text, hazard_is_overdue(status, deadline) as overdue from hazards where id = any($1::bigint[])', [nodes.map((h) => h.id)]);
    const rule = new Map(rows.map((r) => [r.id, Boolean(r.overdue)]));
    for (const h of nodes) expect(h.overdue).toBe(rule.get(h.id));
  });

  it('order by deadline ascending with hazards lacking one last, and by level', async () => {
    const byDeadline = (await hazards({ first: 500, orderBy: 'DEADLINE_ASC', filter: { statuses: ['RECTIFYING'] } })).nodes;
    const deadlines = byDeadline.map((h) => h.deadline ?? '9999-12-31');
    expect(deadlines).toEqual([...deadlines].sort());
    const byLevel = (await hazards({ first: 300, orderBy: 'LEVEL_DESC' })).nodes;
    const ranks = byLevel.map((h) => (h.level === 'MAJOR' ? 1 : 0));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it.each([
    ['sectors', { sectors: ['FIRE_SAFETY', 'CITY_GAS'] }, `h.sector in ('FIRE_SAFETY', 'CITY_GAS')`],
    ['levels', { levels: ['MAJOR'] }, `h.level = 'MAJOR'`],
    ['statuses', { statuses: ['REPORTED', 'AWAITING_VERIFICATION'] }, `h.status in ('REPORTED', 'AWAITING_VERIFICATION')`],
    ['sources', { sources: ['PUBLIC_REPORT'] }, `h.source = 'PUBLIC_REPORT'`],
    ['overdue', { overdue: true }, 'hazard_is_overdue(h.status, h.deadline)'],
    ['not overdue', { overdue: false }, 'not coalesce(hazard_is_overdue(h.status, h.deadline), false)'],
    ['listedLevels', { listedLevels: ['CITY', 'PROVINCE'] }, `h.listed_level in ('CITY', 'PROVINCE')`],
    ['listed', { listed: true }, 'h.listed_level is not null'],
    ['found period', { foundFrom: '2025-01-01T00:00:00Z', foundTo: '2025-07-01T00:00:00Z' }, `h.found_at >= '2025-01-01T00:00:00Z' and h.found_at < '2025-07-01T00:00:00Z'`],
    ['deadline period', { deadlineFrom: '2025-06-01', deadlineTo: '2025-12-31' }, `h.deadline between '2025-06-01' and '2025-12-31'`],
    ['a county', { jurisdictionCode: '430921' }, `h.town_code like '430921%'`],
    ['a box', { bbox: [112.2, 28.4, 112.5, 28.7] }, 'st_intersects(h.location, st_makeenvelope(112.2, 28.4, 112.5, 28.7, 4326))'],
    ['a polygon', { within: { type: 'Polygon', coordinates: [[[112.2, 28.4], [112.5, 28.4], [112.35, 28.7], [112.2, 28.4]]] } },
      `st_intersects(h.location, st_geomfromtext('POLYGON((112.2 28.4, 112.5 28.4, 112.35 28.7, 112.2 28.4))', 4326))`],
    ['a circle', { near: { lng: 112.35, lat: 28.55, radiusMeters: 15000 } }, `st_distance(h.location::geography, st_makepoint(112.35, 28.55)::geography) <= 15000`],
    ['a search in Chinese', { search: '消防' }, `(h.description ilike '%消防%' or h.code ilike '%消防%' or h.place_name ilike '%消防%')`],
  ])('filter by %s exactly as a plain SQL recount does', async (_name, filter, where) => {
    const { totalCount } = await hazards({ filter, first: 1 });
    const expected = await sqlCount(`${CITY_TOWNS} and ${where}`);
    expect(totalCount).toBe(expected);
  });

  it('filter by enterprise and road segment', async () => {
    const { rows: [target] } = await app.db.pool.query(
      `select (select enterprise_id::text from hazards where enterprise_id is not null and town_code like '4309%' limit 1) as enterprise,
              (select road_segment_id::text from hazards where road_segment_id is not null and town_code like '4309%' limit 1) as road`);
    const byEnterprise = await hazards({ filter: { enterpriseId: target.enterprise } });
    expect(byEnterprise.totalCount).toBe(await sqlCount('h.enterprise_id = $1', [target.enterprise]));
    expect(byEnterprise.nodes.every((h) => h.enterpriseId === target.enterprise)).toBe(true);
    const byRoad = await hazards({ filter: { roadSegmentId: target.road } });
    expect(byRoad.totalCount).toBeGreaterThan(0);
    expect(byRoad.nodes.every((h) => h.roadSegmentId === target.road)).toBe(true);
  });
});

describe('bad input', () => {
  it.each([
    ['malformed GeoJSON', { within: { type: 'Polygon', coordinates: [[[112, 28], [113, 28]]] } }],
    ['a self-intersecting polygon', { within: { type: 'Polygon', coordinates: [[[112, 28], [113, 29], [113, 28], [112, 29], [112, 28]]] } }],
    ['a point where a polygon belongs', { within: { type: 'Point', coordinates: [112, 28] } }],
    ['out-of-range coordinates in a box', { bbox: [112, 28, 200, 29] }],
    ['out-of-range coordinates in a circle', { near: { lng: 112, lat: 95, radiusMeters: 100 } }],
    ['a negative radius', { near: { lng: 112, lat: 28, radiusMeters: -1 } }],
    ['an unknown jurisdiction code', { jurisdictionCode: '999999' }],
    ['a malformed jurisdiction code', { jurisdictionCode: '43' }],
    ['a non-numeric enterprise id', { enterpriseId: 'abc' }],
    ['an empty search', { search: '   ' }],
  ])('refuses %s with BAD_USER_INPUT', async (_name, filter) => {
    const result = await app.gql(HAZARDS, { filter }, analyst);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });

  it('refuses pages above 500 rows and cursors that are not its own', async () => {
    expect(errorCode(await app.gql(HAZARDS, { first: 501 }, analyst))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(HAZARDS, { first: -1 }, analyst))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(HAZARDS, { after: 'not-a-cursor' }, analyst))).toBe('BAD_USER_INPUT');
    const { pageInfo } = await hazards({ first: 1, orderBy: 'FOUND_AT_DESC' });
    expect(errorCode(await app.gql(HAZARDS, { after: pageInfo.endCursor, orderBy: 'DEADLINE_ASC' }, analyst))).toBe('BAD_USER_INPUT');
  });

  it('refuses a query above the cost limit, and one nested too deep', async () => {
    // Each alias costs 1 + 500 × 14; four of them pass the 20000 this file configures.
    const page = 'hazards(first: 500) { edges { node { id code description town { name code } enterprise { name } history { event at note } } } }';
    const costly = await app.gql(`{ a: ${page} b: ${page} c: ${page} d: ${page} }`, {}, analyst);
    expect(errorCode(costly)).toBe('QUERY_TOO_COMPLEX');
    const deep = await app.gql(`{ inspections { edges { node { findings { inspection { findings { inspection { findings { inspection { id } } } } } } } } } }`, {}, analyst);
    expect(errorCode(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('nested fields', () => {
  const NESTED = `query ($first: Int) { hazards(first: $first, orderBy: FOUND_AT_DESC) { edges { node { id
    town { code name } enterprise { id name town { name } } roadSegment { id startChainage } inspection { id kind }
    history { event toStatus actorName } listedSupervisions { level } } } } }`;

  it('cost a bounded number of SQL statements, whatever the page size', async () => {
    // One for the page, one per nested field (enterprise.town is a second jurisdiction batch).
    const bound = 8;
    for (const first of [5, 100, 500]) {
      const result = await app.gql(NESTED, { first }, analyst);
      expect(result.errors).toBeUndefined();
      expect(result.data.hazards.edges).toHaveLength(first);
      expect(result.extensions?.sqlStatements).toBeLessThanOrEqual(bound);
    }
  });

  it('return a hazard with its history and five-in-place fields by id', async () => {
    const { rows: [row] } = await app.db.pool.query(
      `select id::text, code from hazards where status = 'CLOSED' and town_code like '4309%' order by id limit 1`);
    const result = await app.gql(`query ($id: ID!) { hazard(id: $id) { code status closedAt responsiblePerson measures fundsYuan deadline contingencyPlan
      geometry history { event fromStatus toStatus at } } }`, { id: row.id }, analyst);
    expect(result.data.hazard.code).toBe(row.code);
    expect(result.data.hazard.geometry.type).toBe('Point');
    expect(result.data.hazard.history.length).toBeGreaterThan(0);
    expect(result.data.hazard.history.at(-1).toStatus).toBe('CLOSED');
  });
});

describe('other lists and lookups', () => {
  it('list enterprises, road segments, inspections and accidents with their counts', async () => {
    const result = await app.gql(`{
      enterprises(first: 5, filter: { riskLevels: [RED, ORANGE] }) { totalCount edges { node { id name riskLevel creditCode town { name } openHazardCount } } }
      roadSegments(first: 5) { totalCount edges { node { id roadNumber startChainage endChainage lengthMeters townCodes features riskLevel geometry } } }
      inspections(first: 5) { totalCount edges { node { id kind inspectedOn enterprise { name } findings { id } enforcementActions { kind fineAmountYuan } } } }
      accidents(first: 5, orderBy: DEATHS_DESC) { totalCount edges { node { id grade deaths seriousInjuries directLossYuan town { name } } } }
    }`, {}, analyst);
    expect(result.errors).toBeUndefined();
    const count = async (sql: string) => (await app.db.pool.query(sql)).rows[0].n;
    expect(result.data.enterprises.totalCount).toBe(await count(`select count(*)::int as n from enterprises where town_code like '4309%' and risk_level in ('RED', 'ORANGE')`));
    expect(result.data.roadSegments.totalCount).toBe(await count(`select count(*)::int as n from road_segments where town_code like '4309%'`));
    expect(result.data.inspections.totalCount).toBe(await count(`select count(*)::int as n from inspections where town_code like '4309%'`));
    expect(result.data.accidents.totalCount).toBe(await count(`select count(*)::int as n from accidents where town_code like '4309%'`));
    for (const { node } of result.data.roadSegments.edges) {
      expect(node.startChainage).toMatch(/^K\d+\+\d{3}$/);
      expect(node.lengthMeters).toBeGreaterThan(0);
    }
    const { rows: [worst] } = await app.db.pool.query(
      `select accident_grade(deaths, serious_injuries, direct_loss_yuan) as grade from accidents where town_code like '4309%' order by deaths desc, id desc limit 1`);
    expect(result.data.accidents.edges[0].node.grade).toBe(worst.grade);
  });

  it('look up each kind by id, and answer null for an id that does not exist', async () => {
    const { rows: [ids] } = await app.db.pool.query(`select
      (select min(id)::text from enterprises) as e, (select min(id)::text from road_segments) as r,
      (select min(id)::text from inspections) as i, (select min(id)::text from accidents) as a`);
    const result = await app.gql(`query ($e: ID!, $r: ID!, $i: ID!, $a: ID!) {
      enterprise(id: $e) { id } roadSegment(id: $r) { id } inspection(id: $i) { id } accident(id: $a) { id } hazard(id: "999999999") { id } }`,
      ids, analyst);
    expect(result.data).toEqual({ enterprise: { id: ids.e }, roadSegment: { id: ids.r }, inspection: { id: ids.i }, accident: { id: ids.a }, hazard: null });
  });
});
