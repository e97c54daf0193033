import 'reflect-metadata';
import type { QueryResultRow } from 'pg';
import { RequestDb } from '@risk/api/common/request-db';
import type { Viewer } from '@risk/api/common/viewer';
import { DEFAULT_RISK_WEIGHTS } from '@risk/api/stats/risk-score';
import { hazardDensity, hazardTrend, jurisdictionStats } from '@risk/api/stats/stats.service';
import { TrendInterval } from '@risk/api/stats/stats.type';
import { parseTileFilter } from '@risk/api/tiles/tile-filter';
import { TileService } from '@risk/api/tiles/tiles.service';
import { AGGREGATE_BELOW_ZOOM } from '@risk/api/tiles/tiles.sql';
import { startTestApp, type TestApp } from '../support/app';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';
import { scopeOf } from '../support/hazard-fixtures';
import { severalTimesLate } from '../support/lateness';
import { createUser } from '../support/users';
import { decodeTile, tileAt, type DecodedFeature } from '../tiles/tile-support';

// The figures and aggregated tiles read the hazard summaries when the filter allows it and
// the rows otherwise. A filter the summaries cannot answer but that every hazard passes
// (found before 2100) makes the same request count the rows: both must agree exactly.

let app: TestApp;
let place: Place;
const tokens: Record<string, string> = {};
const viewers: Record<string, Viewer> = {};

/** Passes every hazard, and is not a summarised field: the request counts the rows. */
const ROWS = { foundTo: '2100-01-01T00:00:00Z' };

beforeAll(async () => {
  app = await startTestApp();
  place = await testPlace(app.db.pool);
  // Hazards of every kind and status of their own, some late, committed in the test's town.
  for (const [i, kind] of KINDS.slice(0, 3).entries()) {
    for (const status of ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED'] as const) {
      await kindHazard(app.db.pool, place, kind, status, { deadlineDays: (i % 3) * 20 - 25 });
    }
  }
  // And hazards overdue and closed late several times, committed.
  const client = await app.db.pool.connect();
  try {
    await client.query('begin');
    await severalTimesLate(client, place);
    await client.query('commit');
  } finally {
    client.release();
  }
  const official = await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode });
  const inspector = await createUser(app.db.pool, { role: 'inspector', jurisdictionCode: '430900', sectors: [place.sector] });
  for (const [name, username] of [['leader', 'leader'], ['official', official.username], ['inspector', inspector.username]]) {
    tokens[name!] = await app.login(username!);
    viewers[name!] = (await scopeOf(app.db.pool, username!)).viewer;
  }
}, 600_000);
afterAll(() => app.close());

const STATS = `query ($parent: String!, $level: JurisdictionLevel, $from: LocalDate, $to: LocalDate, $filter: HazardFilter) {
  jurisdictionStats(parentCode: $parent, level: $level, from: $from, to: $to, filter: $filter) {
    code openByLevel { general major } openMajor overdue everOverdue rectifiedLate listed found rectified rectificationRate
    riskScore rank riskColor
  }
}`;
const BY_SECTOR = `query ($filter: HazardFilter) { hazardsBySector(filter: $filter) { sector count major overdue } }`;
const TREND = `query ($code: String, $from: LocalDate!, $to: LocalDate!, $filter: HazardFilter) {
  hazardTrend(jurisdictionCode: $code, from: $from, to: $to, filter: $filter) { start end found closed overdue }
}`;

async function both(query: string, variables: Record<string, unknown>, filter: Record<string, unknown>, who: string) {
  const summarised = await app.gql(query, { ...variables, filter }, tokens[who]);
  const counted = await app.gql(query, { ...variables, filter: { ...filter, ...ROWS } }, tokens[who]);
  expect(summarised.errors).toBeUndefined();
  expect(counted.errors).toBeUndefined();
  return { summarised: summarised.data, counted: counted.data };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** The first day of the month `offset` months from this one (UTC), and the day before it. */
const monthStart = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
};
const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);
/**
 * Periods of whole months, of months up to today (or later), of any days, of this month, of
 * days into the future and of days to come only.
 */
const PERIODS = [
  [monthStart(-5), dayBefore(monthStart(-1))], [monthStart(-11), day(1)], [day(-364), day(0)], [day(-700), day(-30)],
  [monthStart(0), day(0)], [day(-50), day(25)], [day(3), day(30)],
];
const FILTERS: Record<string, unknown>[] = [
  {}, { levels: ['MAJOR'], statuses: ['RECTIFYING', 'REPORTED'] }, { overdue: true }, { listed: true, published: false },
  { sources: ['DEPARTMENT_INSPECTION'], overdue: false },
];

describe('figures from the summaries', () => {
  for (const who of ['leader', 'official', 'inspector']) {
    it(`equal the figures counted from the rows, for the ${who}, with each summarised filter and period`, async () => {
      const filters = [...FILTERS, { sectors: [place.sector] }, { jurisdictionCode: place.townCode }];
      let found = 0;
      for (const filter of filters) {
        for (const [from, to] of PERIODS) {
          const stats = await both(STATS, { parent: '430900', level: 'town', from, to }, filter, who);
          expect(stats.summarised).toEqual(stats.counted);
          found += stats.summarised.jurisdictionStats.reduce((sum: number, s: { found: number }) => sum + s.found, 0);
        }
        const sectors = await both(BY_SECTOR, {}, filter, who);
        expect(sectors.summarised).toEqual(sectors.counted);
        const trend = await both(TREND, { code: place.townCode.slice(0, 6), from: day(-400), to: day(0) }, filter, who);
        expect(trend.summarised).toEqual(trend.counted);
      }
      expect(found).toBeGreaterThan(0);
    }, 600_000);
  }

  it('for a town official cover their own town only', async () => {
    const result = await app.gql(STATS, { parent: place.townCode.slice(0, 6), level: 'town' }, tokens.official);
    expect(result.errors).toBeUndefined();
    const { rows: [own] } = await app.db.pool.query(
      `select count(*) filter (where status <> 'CLOSED' and level = 'MAJOR')::int as major, count(*) filter (where status <> 'CLOSED' and level = 'GENERAL')::int as general
       from hazards where town_code = $1`, [place.townCode]);
    for (const unit of result.data.jurisdictionStats) {
      expect(unit.openByLevel).toEqual(unit.code === place.townCode ? own : { general: 0, major: 0 });
    }
    expect(own.major + own.general).toBeGreaterThan(0);
  });
});

const SUPERVISION = `query ($parent: String!, $level: JurisdictionLevel, $from: LocalDate, $to: LocalDate, $filter: HazardFilter) {
  jurisdictionStats(parentCode: $parent, level: $level, from: $from, to: $to, filter: $filter) {
    code enterprisesByColour { red orange yellow blue } inspections
    accidents { current previous } deaths { current previous } injuries { current previous } directLoss { current previous }
  }
}`;

/**
 * The enterprise, inspection and accident figures per town counted from the rows, as the
 * viewer reads them (under their row-level security), by their definitions (docs/metrics.md):
 * enterprises not closed, now; inspections dated in the period; accidents occurred in it and
 * in the same days a year before, days of the deployment's calendar.
 */
async function supervisionFromRows(viewer: Viewer, from: string, to: string): Promise<Map<string, unknown>> {
  const db = new RequestDb(app.db.apiPool, viewer);
  try {
    const towns = new Map<string, Record<string, number>>();
    const add = (rows: Record<string, number | string>[]) => {
      for (const { code, ...figures } of rows) towns.set(code as string, { ...towns.get(code as string), ...(figures as Record<string, number>) });
    };
    add(await db.query(
      `select town_code as code, count(*) filter (where risk_level = 'RED')::int as red, count(*) filter (where risk_level = 'ORANGE')::int as orange,
              count(*) filter (where risk_level = 'YELLOW')::int as yellow, count(*) filter (where risk_level = 'BLUE')::int as blue
       from enterprises where status <> 'CLOSED' group by town_code`));
    add(await db.query(
      `select town_code as code, count(*)::int as inspections from inspections where inspected_on between $1::date and $2::date group by town_code`,
      [from, to]));
    const during = (shift: string) => `occurred_at >= app.day_start(($1::date - ${shift})::date) and occurred_at < app.day_start(($2::date + 1 - ${shift})::date)`;
    const figures = (name: string, value: string) => [['', `interval '0'`], ['_prev', `interval '1 year'`]]
      .map(([suffix, shift]) => `coalesce(sum(${value}) filter (where ${during(shift!)}), 0)::float8 as ${name}${suffix}`).join(', ');
    add(await db.query(
      `select town_code as code, ${figures('accidents', '1')}, ${figures('deaths', 'deaths')}, ${figures('injuries', 'serious_injuries')},
              ${figures('loss', 'direct_loss_yuan')}
       from accidents group by town_code`, [from, to]));
    const yearOnYear = (t: Record<string, number>, name: string) => ({ current: t[name] ?? 0, previous: t[`${name}_prev`] ?? 0 });
    return new Map([...towns].map(([code, t]) => [code, {
      code,
      enterprisesByColour: { red: t.red ?? 0, orange: t.orange ?? 0, yellow: t.yellow ?? 0, blue: t.blue ?? 0 },
      inspections: t.inspections ?? 0,
      accidents: yearOnYear(t, 'accidents'),
      deaths: yearOnYear(t, 'deaths'),
      injuries: yearOnYear(t, 'injuries'),
      directLoss: yearOnYear(t, 'loss'),
    }]));
  } finally {
    await db.finish(false);
  }
}

describe('enterprise, inspection and accident figures from their summaries', () => {
  beforeAll(async () => {
    // Writes of this describe's own, so the summaries hold deltas not yet folded.
    await app.db.pool.query(
      `insert into inspections (enterprise_id, town_code, sector, inspected_on, department, kind)
       values ($1, $2, $3, app.today() - 3, '应急管理局', 'ROUTINE'), (null, $2, $3, app.today() - 40, '应急管理局', 'UNANNOUNCED')`,
      [place.enterpriseId, place.townCode, place.sector]);
    await app.db.pool.query(
      `insert into accidents (occurred_at, location, town_code, sector, enterprise_id, description, deaths, serious_injuries, direct_loss_yuan)
       values (now() - interval '2 days', st_setsrid(st_makepoint($1, $2), 4326), $3, $4, $5, '汇总测试事故', 1, 2, 12345.67)`,
      [place.lng, place.lat, place.townCode, place.sector, place.enterpriseId]);
    await app.db.pool.query(`update enterprises set risk_level = 'RED', status = 'OPERATING' where id = $1`, [place.enterpriseId]);
  });

  for (const who of ['leader', 'official', 'inspector']) {
    it(`equal the figures counted from the rows, for the ${who}, for periods of whole months, up to today and of any days`, async () => {
      const { rows: [{ deltas }] } = await app.db.pool.query(
        `select ((select count(*) from enterprise_count_deltas) + (select count(*) from inspection_month_deltas)
                 + (select count(*) from accident_month_deltas))::int as deltas`);
      expect(deltas).toBeGreaterThan(0);
      let counted = 0;
      for (const [from, to] of PERIODS) {
        const expected = await supervisionFromRows(viewers[who]!, from!, to!);
        // The hazard filter narrows none of these figures: with or without one, summarised or not.
        for (const filter of [{}, ROWS]) {
          const result = await app.gql(SUPERVISION, { parent: '430900', level: 'town', from, to, filter }, tokens[who]);
          expect(result.errors).toBeUndefined();
          const units: { code: string }[] = result.data.jurisdictionStats;
          const zero = { current: 0, previous: 0 };
          expect({ who, from, to, units }).toEqual({
            who, from, to,
            units: units.map(({ code }) => expected.get(code) ?? {
              code, enterprisesByColour: { red: 0, orange: 0, yellow: 0, blue: 0 }, inspections: 0,
              accidents: zero, deaths: zero, injuries: zero, directLoss: zero,
            }),
          });
          // Every town the rows count is one of the units.
          expect([...expected.keys()].filter((code) => !units.some((u) => u.code === code))).toEqual([]);
        }
        counted += [...expected.values()].length;
      }
      expect(counted).toBeGreaterThan(0);
    }, 600_000);
  }
});

/** A RequestDb that also runs every statement starting with `prefix` with EXPLAIN ANALYZE, keeping the plan. */
class ExplainingDb extends RequestDb {
  readonly plans: unknown[] = [];

  constructor(pool: ConstructorParameters<typeof RequestDb>[0], viewer: Viewer, private readonly prefix: string) {
    super(pool, viewer);
  }

  override async query<R extends QueryResultRow = QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    if (text.trimStart().startsWith(this.prefix)) {
      const [row] = await super.query<{ 'QUERY PLAN': unknown }>(`explain (analyze, format json) ${text}`, values);
      this.plans.push(row!['QUERY PLAN']);
    }
    return super.query<R>(text, values);
  }
}

/** Every table a plan reads, with the rows it read from it (all loops). */
function relations(plan: unknown): Map<string, number> {
  const found = new Map<string, number>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n['Relation Name'] === 'string') {
        const read = Number(n['Actual Rows']) * Number(n['Actual Loops']) + Number(n['Rows Removed by Filter'] ?? 0)
          + Number(n['Rows Removed by Index Recheck'] ?? 0);
        found.set(n['Relation Name'], (found.get(n['Relation Name']) ?? 0) + read);
      }
      Object.values(n).forEach(visit);
    }
  };
  visit(plan);
  return found;
}

/** A period of whole months up to today. */
const STATS_PERIOD = { from: monthStart(-11), to: day(1) };

/** The tables jurisdictionStats reads for STATS_PERIOD. */
async function statsPlan(viewer: Viewer, filter: Record<string, unknown> | null, withLateness = false): Promise<Map<string, number>> {
  const db = new ExplainingDb(app.db.apiPool, viewer, 'with units');
  try {
    await jurisdictionStats(db, '430900', null, STATS_PERIOD, DEFAULT_RISK_WEIGHTS, filter, withLateness);
  } finally {
    await db.finish(false);
  }
  expect(db.plans).toHaveLength(1);
  return relations(db.plans[0]);
}

describe('jurisdictionStats from the summaries', () => {
  it('reads no hazard rows, unfiltered or filtered by sector', async () => {
    for (const filter of [null, { sectors: [place.sector] }]) {
      const read = await statsPlan(viewers.leader!, filter);
      for (const summary of ['hazard_counts', 'hazard_count_deltas', 'hazard_months', 'hazard_month_deltas']) {
        expect(read.has(summary)).toBe(true);
      }
      expect(read.get('hazard_counts')! + read.get('hazard_months')!).toBeGreaterThan(0);
      // Only the days of the period's months it leaves out are looked up: none, as it ends today.
      expect(read.get('hazards') ?? 0).toBe(0);
      // The enterprises, inspections and accidents from their summaries: no enterprise row, and
      // of the others only those of the months the period (and the same days a year before)
      // touches but leaves out.
      for (const summary of ['enterprise_counts', 'inspection_months', 'accident_months']) expect(read.has(summary)).toBe(true);
      expect(read.has('enterprises')).toBe(false);
      const { rows: [outside] } = await app.db.pool.query<{ inspections: number; accidents: number }>(
        `with windows (first_day, end_day) as (values ($1::date, $2::date + 1), (($1::date - interval '1 year')::date, ($2::date + 1 - interval '1 year')::date)),
         months as (select w.*, app.month_of(w.first_day) as first_month, (app.month_of(w.end_day - 1) + interval '1 month')::date as end_month from windows w)
         select (select count(*) from inspections i, months m where m.first_day = $1::date
                   and ((i.inspected_on >= m.first_month and i.inspected_on < m.first_day) or (i.inspected_on >= m.end_day and i.inspected_on < m.end_month)))::int as inspections,
                (select count(*) from accidents a, months m
                 where (a.occurred_at >= app.day_start(m.first_month) and a.occurred_at < app.day_start(m.first_day))
                    or (a.occurred_at >= app.day_start(m.end_day) and a.occurred_at < app.day_start(m.end_month)))::int as accidents`,
        [STATS_PERIOD.from, STATS_PERIOD.to]);
      expect(read.get('inspections') ?? 0).toBeLessThanOrEqual(outside!.inspections);
      expect(read.get('accidents') ?? 0).toBeLessThanOrEqual(outside!.accidents);
    }
  });

  it('with everOverdue and rectifiedLate, reads no hazard rows and only the lateness rows at the period\'s edges', async () => {
    // The rows it may read, each set read on its own (a row may be in several): those begun
    // overdue in the partial month at its end, those ended or closed late at its start (a
    // month's first moment) or between its end and the next month's start, and the later
    // parts and closings of a hazard from its start on. Fewer than the rows meeting the
    // period, which grouping by hazard read.
    const { rows: [{ edges, meeting }] } = await app.db.pool.query<{ edges: number; meeting: number }>(
      `select (count(*) filter (where l.overdue_from > app.day_start(app.month_of(app.date_at(p.ends_at))) and l.overdue_from <= p.ends_at)
               + count(*) filter (where l.overdue_until = p.starts_at)
               + count(*) filter (where l.closed_late_at = p.starts_at
                                     or (l.closed_late_at >= p.ends_at and l.closed_late_at <= app.day_start(app.lateness_month(p.ends_at))))
               + count(*) filter (where l.previous_overdue_until >= p.starts_at)
               + count(*) filter (where l.previous_closed_late_at >= p.starts_at))::int as edges,
              count(*) filter (where (l.overdue_from <= p.ends_at and l.overdue_from <= coalesce(l.overdue_until, now())
                                      and coalesce(l.overdue_until, now()) >= p.starts_at)
                                  or (l.closed_late_at >= p.starts_at and l.closed_late_at < p.ends_at))::int as meeting
       from hazard_lateness_spans l, (select app.day_start($1::date) as starts_at, app.day_start($2::date + 1) as ends_at) p`,
      [STATS_PERIOD.from, STATS_PERIOD.to]);
    expect(edges).toBeLessThan(meeting / 2);
    for (const filter of [null, { sectors: [place.sector] }]) {
      const read = await statsPlan(viewers.leader!, filter, true);
      for (const summary of ['hazard_lateness_months', 'hazard_lateness_month_deltas']) expect(read.has(summary)).toBe(true);
      expect(read.get('hazard_lateness_months')).toBeGreaterThan(0);
      expect(read.get('hazards') ?? 0).toBe(0);
      expect(read.get('hazard_lateness_spans') ?? 0).toBeLessThanOrEqual(edges);
    }
  });

  it('reads the hazards for a filter the summaries do not hold (an enterprise)', async () => {
    const read = await statsPlan(viewers.leader!, { enterpriseId: String(place.enterpriseId) });
    expect(read.has('hazards')).toBe(true);
    expect(read.has('hazard_counts')).toBe(false);
    expect(read.has('hazard_months')).toBe(false);
  });
});

describe('hazardTrend by month from the summaries', () => {
  it('reads found and closed per month on their own (hazard_trend_months), not the pairs of months nor the rows', async () => {
    const db = new ExplainingDb(app.db.apiPool, viewers.leader!, 'with figures');
    try {
      await hazardTrend(db, { jurisdictionCode: '430900' }, { from: monthStart(-11), to: day(0) }, TrendInterval.MONTH);
    } finally {
      await db.finish(false);
    }
    expect(db.plans).toHaveLength(1);
    const read = relations(db.plans[0]);
    expect(read.get('hazard_trend_months')).toBeGreaterThan(0);
    expect(read.has('hazard_trend_month_deltas')).toBe(true);
    expect(read.has('hazard_months')).toBe(false);
    expect(read.has('hazards')).toBe(false);
  });
});

describe('aggregated hazard tiles from the cell summaries', () => {
  const sorted = (features: DecodedFeature[] = []) =>
    features.map((f) => ({ at: f.geometry, properties: f.properties }))
      .sort((a, b) => a.at[0]![0]!.x - b.at[0]![0]!.x || a.at[0]![0]!.y - b.at[0]![0]!.y);

  for (const encoding of ['node', 'auto'] as const) {
    it(`equal the tiles counted from the rows at every aggregated zoom (${encoding} encoding)`, async () => {
      const tiles = new TileService(app.db.apiPool, { encoding });
      let cells = 0;
      for (const who of ['leader', 'official', 'inspector']) {
        for (let z = 3; z < AGGREGATE_BELOW_ZOOM; z += 1) {
          const at = tileAt(place.lng, place.lat, z);
          for (const query of ['', 'levels=MAJOR', `sectors=${place.sector}&overdue=true`]) {
            const joiner = query === '' ? '' : '&';
            const summarised = decodeTile(await tiles.tile(viewers[who]!, 'hazards', at, parseTileFilter('hazards', new URLSearchParams(query))));
            const counted = decodeTile(await tiles.tile(viewers[who]!, 'hazards', at,
              parseTileFilter('hazards', new URLSearchParams(`${query}${joiner}foundTo=${ROWS.foundTo}`))));
            expect(sorted(summarised.hazards)).toEqual(sorted(counted.hazards));
            cells += summarised.hazards?.length ?? 0;
          }
        }
      }
      expect(cells).toBeGreaterThan(0);
    }, 600_000);
  }
});

describe('hazardDensity from the cell summary', () => {
  const DENSITY = `query ($bbox: BBox!, $zoom: Int!, $filter: HazardFilter) {
    hazardDensity(bbox: $bbox, zoom: $zoom, filter: $filter) { lng lat count weight }
  }`;
  const around = (d: number): [number, number, number, number] => [place.lng - d, place.lat - d, place.lng + d, place.lat + d];
  const CITY: [number, number, number, number] = [110.5, 27.5, 113.5, 29.5];
  /** Boxes and zooms: coarser than the coarsest summary cell, each summary zoom, merged cells, and finer than any (rows only). */
  const views = (): [[number, number, number, number], number][] => [
    [CITY, 0], [CITY, 4], [CITY, 8], [CITY, 9], [around(0.2), 11], [around(0.05), 13], [around(0.01), 16],
  ];

  beforeAll(async () => {
    // One more write, so the summary holds deltas of this describe's own making.
    await kindHazard(app.db.pool, place, KINDS[1]!, 'RECTIFYING', { deadlineDays: -3 });
  });

  for (const who of ['leader', 'official', 'inspector']) {
    it(`equals the density counted from the rows in the same cells, for the ${who}, with deltas not yet folded`, async () => {
      const { rows: [{ deltas }] } = await app.db.pool.query('select count(*)::int as deltas from hazard_cell_deltas');
      expect(deltas).toBeGreaterThan(0);
      const filters = [
        {}, { levels: ['MAJOR'] }, { statuses: ['CLOSED'] }, { overdue: true }, { sectors: [place.sector], overdue: false },
        { jurisdictionCode: place.townCode },
      ];
      let counted = 0;
      for (const filter of filters) {
        for (const [bbox, zoom] of views()) {
          const cells = await both(DENSITY, { bbox, zoom }, filter, who);
          expect(cells.summarised).toEqual(cells.counted);
          counted += cells.summarised.hazardDensity.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
        }
      }
      expect(counted).toBeGreaterThan(0);
    }, 600_000);
  }

  it('reads the cell summary, not the hazards, for a summarised filter', async () => {
    const db = new ExplainingDb(app.db.apiPool, viewers.leader!, 'with cells');
    try {
      await hazardDensity(db, CITY, 8, { sectors: [place.sector] });
    } finally {
      await db.finish(false);
    }
    expect(db.plans).toHaveLength(1);
    const read = relations(db.plans[0]);
    expect(read.get('hazard_cells')! + read.get('hazard_cell_deltas')!).toBeGreaterThan(0);
    expect(read.has('hazards')).toBe(false);
  });

  it('counts a cell, with all its hazards, when its centre lies in the box', async () => {
    const zoom = 14;
    const bbox = around(0.01);
    const { data } = await app.gql(DENSITY, { bbox, zoom, filter: { jurisdictionCode: place.townCode } }, tokens.leader);
    // The cell holding the test's hazards (all at one point): the one nearest to it.
    const distance = (c: { lng: number; lat: number }) => Math.hypot(c.lng - place.lng, c.lat - place.lat);
    const cell = [...data.hazardDensity].sort((a, b) => distance(a) - distance(b))[0];
    expect(distance(cell)).toBeLessThan(0.01);
    const tiny = 1e-6;
    const atCentre = await app.gql(DENSITY, { bbox: [cell.lng - tiny, cell.lat - tiny, cell.lng + tiny, cell.lat + tiny], zoom }, tokens.leader);
    expect(atCentre.data.hazardDensity).toEqual([cell]);
    // A box around the hazards that misses their cell's centre counts none of them.
    const atHazards = await app.gql(DENSITY, { bbox: [place.lng - tiny, place.lat - tiny, place.lng + tiny, place.lat + tiny], zoom }, tokens.leader);
    expect(atHazards.data.hazardDensity).toEqual([]);
  });
});
