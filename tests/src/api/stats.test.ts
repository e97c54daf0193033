import { errorCode, startTestApp, type TestApp } from '../support/app';

// The aggregates agree with a plain SQL recount over the demo data, written independently
// of the API's statement (LIKE instead of code ranges, one query per figure).

let app: TestApp;
let leader: string;
/**
 * The last 365 days of the deployment's calendar (app.today()), not of UTC: from 16:00 UTC on,
 * Shanghai is a day ahead, and a period ending on UTC's date has its last bucket judged at
 * Shanghai's midnight, which misses what the files before this one committed since.
 */
let from: string;
let to: string;

beforeAll(async () => {
  // Figures as computed, not as cached: a fixture written here behind the api's back renews a
  // cached figure only when its live announcement arrives (a moment later), which would race.
  app = await startTestApp({ AGGREGATE_CACHE: 'false' });
  leader = await app.login('leader');
  ({ from, to } = (await app.db.pool.query<{ from: string; to: string }>(
    `select (app.today() - 364)::text as from, app.today()::text as to`)).rows[0]!);
});
afterAll(() => app.close());

const STATS = `query ($from: LocalDate, $to: LocalDate) {
  jurisdictionStats(parentCode: "430900", from: $from, to: $to) {
    code name level openByLevel { general major } openMajor overdue everOverdue rectifiedLate listed found rectified rectificationRate
    enterprisesByColour { red orange yellow blue } inspections
    accidents { current previous change changeRate } deaths { current previous } injuries { current previous } directLoss { current previous }
    riskScore riskScoreParts { part value weight points } riskColor rank
  }
}`;

describe('jurisdiction statistics', () => {
  it('agree with a plain SQL recount for every county of the city', async () => {
    const result = await app.gql(STATS, { from, to }, leader);
    expect(result.errors).toBeUndefined();
    const stats = result.data.jurisdictionStats;
    const counties = (await app.db.pool.query(`select code from jurisdictions where parent_code = '430900' order by code`)).rows;
    expect(stats.map((s: { code: string }) => s.code).sort()).toEqual(counties.map((c) => c.code));
    for (const s of stats) {
      const { rows: [expected] } = await app.db.pool.query(
        `with h as (select * from hazards where town_code like $1 || '%'),
              a as (select * from accidents where town_code like $1 || '%')
         select (select count(*)::int from h where status <> 'CLOSED' and level = 'GENERAL') as general,
                (select count(*)::int from h where status <> 'CLOSED' and level = 'MAJOR') as major,
                (select count(*)::int from h where hazard_is_overdue(status, deadline)) as overdue,
                (select count(*)::int from h where status <> 'CLOSED' and listed_level is not null) as listed,
                (select count(*)::int from h where app.date_at(found_at) between $2::date and $3::date) as found,
                (select count(*)::int from h where app.date_at(found_at) between $2::date and $3::date and status = 'CLOSED' and app.date_at(closed_at) <= $3::date) as rectified,
                (select count(*)::int from enterprises where town_code like $1 || '%' and status <> 'CLOSED' and risk_level = 'RED') as red,
                (select count(*)::int from inspections where town_code like $1 || '%' and inspected_on between $2::date and $3::date) as inspections,
                (select count(*)::int from a where app.date_at(occurred_at) between $2::date and $3::date) as accidents,
                (select count(*)::int from a where app.date_at(occurred_at) between ($2::date - interval '1 year') and ($3::date - interval '1 year')) as accidents_prev,
                (select coalesce(sum(deaths), 0)::int from a where app.date_at(occurred_at) between $2::date and $3::date) as deaths,
                (select coalesce(sum(serious_injuries), 0)::int from a where app.date_at(occurred_at) between $2::date and $3::date) as injuries,
                (select coalesce(sum(direct_loss_yuan), 0)::float8 from a where app.date_at(occurred_at) between $2::date and $3::date) as loss`,
        [s.code, from, to]);
      expect({
        general: s.openByLevel.general, major: s.openByLevel.major, overdue: s.overdue, listed: s.listed, found: s.found,
        rectified: s.rectified, red: s.enterprisesByColour.red, inspections: s.inspections, accidents: s.accidents.current,
        accidents_prev: s.accidents.previous, deaths: s.deaths.current, injuries: s.injuries.current, loss: s.directLoss.current,
      }).toEqual(expected);
      expect(s.openMajor).toBe(s.openByLevel.major);
      expect(s.rectificationRate).toBe(s.found === 0 ? null : s.rectified / s.found);
      const points = s.riskScoreParts.reduce((sum: number, p: { points: number }) => sum + p.points, 0);
      expect(s.riskScore).toBeCloseTo(points, 6);
    }
  });

  it('rank units by score and colour the top quarter red', async () => {
    const stats = (await app.gql(STATS, { from, to }, leader)).data.jurisdictionStats;
    const scores = stats.map((s: { riskScore: number }) => s.riskScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(stats[0].rank).toBe(1);
    expect(stats[0].riskColor).toBe('RED');
  });

  it('count towns under a county when asked for the town level', async () => {
    const result = await app.gql('{ jurisdictionStats(parentCode: "430900", level: town) { code } }', {}, leader);
    const towns = (await app.db.pool.query(`select count(*)::int as n from jurisdictions where level = 'town' and code like '4309%'`)).rows[0].n;
    expect(result.data.jurisdictionStats).toHaveLength(towns);
  });

  it('refuses a period that ends before it starts, and an unknown parent', async () => {
    expect(errorCode(await app.gql('{ jurisdictionStats(parentCode: "430900", from: "2025-02-01", to: "2025-01-01") { code } }', {}, leader))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql('{ jurisdictionStats(parentCode: "110000") { code } }', {}, leader))).toBe('BAD_USER_INPUT');
  });
});

describe('hazard density', () => {
  it('puts every open hazard of the box in one cell, weighting a major one five times', async () => {
    const bbox = [111.0, 27.5, 113.5, 29.5];
    const result = await app.gql('query ($bbox: BBox!) { hazardDensity(bbox: $bbox, zoom: 8, filter: { sectors: [FIRE_SAFETY] }) { lng lat count weight } }', { bbox }, leader);
    expect(result.errors).toBeUndefined();
    const cells = result.data.hazardDensity as { count: number; weight: number }[];
    const { rows: [expected] } = await app.db.pool.query(
      `select count(*)::int as n, coalesce(sum(case level when 'MAJOR' then 5 else 1 end), 0)::int as w from hazards
       where status <> 'CLOSED' and sector = 'FIRE_SAFETY' and town_code like '4309%' and st_intersects(location, st_makeenvelope(111.0, 27.5, 113.5, 29.5, 4326))`);
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(expected.n);
    expect(cells.reduce((sum, c) => sum + c.weight, 0)).toBe(expected.w);
  });

  it('refuses a zoom outside 0–22 and a box with too many cells', async () => {
    expect(errorCode(await app.gql('{ hazardDensity(bbox: [111, 27, 114, 30], zoom: 23) { count } }', {}, leader))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql('{ hazardDensity(bbox: [-180, -90, 180, 90], zoom: 12) { count } }', {}, leader))).toBe('BAD_USER_INPUT');
  });
});

describe('hazard trend', () => {
  it('counts found and closed hazards per month as the ledger does', async () => {
    const result = await app.gql(`query ($from: LocalDate!, $to: LocalDate!) {
      hazardTrend(jurisdictionCode: "430900", from: $from, to: $to, interval: MONTH) { start end found closed overdue } }`, { from, to }, leader);
    expect(result.errors).toBeUndefined();
    const buckets = result.data.hazardTrend as { start: string; end: string; found: number; closed: number; overdue: number }[];
    expect(buckets.length).toBeGreaterThanOrEqual(12);
    for (const b of buckets) {
      const { rows: [expected] } = await app.db.pool.query(
        `select (select count(*)::int from hazards where town_code like '4309%' and app.date_at(found_at) >= $1::date and app.date_at(found_at) < $2::date) as found,
                (select count(*)::int from hazards where town_code like '4309%' and app.date_at(closed_at) >= $1::date and app.date_at(closed_at) < $2::date) as closed`,
        [b.start, b.end]);
      expect({ found: b.found, closed: b.closed }).toEqual(expected);
    }
    const last = buckets.at(-1)!;
    expect(last.overdue).toBe((await app.db.pool.query(
      `select count(*)::int as n from hazards where town_code like '4309%' and hazard_is_overdue(status, deadline)`)).rows[0].n);
  });

  it('groups by week too, and refuses more than 120 buckets', async () => {
    const weeks = await app.gql(`{ hazardTrend(from: "${from}", to: "${to}", interval: WEEK) { start } }`, {}, leader);
    expect(weeks.data.hazardTrend.length).toBeGreaterThanOrEqual(52);
    expect(errorCode(await app.gql('{ hazardTrend(from: "2000-01-01", to: "2025-01-01", interval: WEEK) { start } }', {}, leader))).toBe('BAD_USER_INPUT');
  });
});
