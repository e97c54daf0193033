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
/** Periods of whole months, of months up to today (or later) and of any days. */
const PERIODS = [[monthStart(-5), dayBefore(monthStart(-1))], [monthStart(-11), day(1)], [day(-364), day(0)], [day(-700), day(-30)]];
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

/** The tables jurisdictionStats reads for a period of whole months up to today. */
async function statsPlan(viewer: Viewer, filter: Record<string, unknown> | null): Promise<Map<string, number>> {
  const db = new ExplainingDb(app.db.apiPool, viewer, 'with units');
  try {
    await jurisdictionStats(db, '430900', null, { from: monthStart(-11), to: day(1) }, DEFAULT_RISK_WEIGHTS, filter, false);
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
