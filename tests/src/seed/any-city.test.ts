import * as turf from '@turf/turf';
import pg from 'pg';
import { decodeShape, findPlace, migrate, seedDemoIfEmpty, type DemoSummary, type ExtractCity } from '@risk/db';
import { ConfigError, readConfig } from '@risk/api/config';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database';

// A second city set up from its code on a fresh database, as `CITY_CODE=430200 npm start`
// does: 株洲市, whose 渌口区 (株洲县 until 2018) has no boundary in the source and is left out.

const ZHUZHOU = '430200';
let fresh: FreshDatabase;
let pool: pg.Pool;
let summary: DemoSummary | null;
let source: ExtractCity;

const rows = async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[];

describe('a deployment for 株洲市 (CITY_CODE=430200)', () => {
  // A fresh database and 20,000 hazards: over two minutes for the embedded one on a busy machine.
  beforeAll(async () => {
    fresh = await freshDatabase();
    pool = new pg.Pool({ connectionString: fresh.connectionString, max: 1 });
    await migrate(pool);
    summary = await seedDemoIfEmpty(pool, { seed: 4309, password: 'any-city-test', cityCode: ZHUZHOU, today: '2025-06-01' });
    source = findPlace(ZHUZHOU)!.city;
  }, 600_000);
  afterAll(async () => {
    await pool.end();
    // The embedded server learns of the closed connection on its next turn; stopping it
    // before then crashes its socket's close handler.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await fresh.drop();
  });

  it('gets its province, the city and the county-level units that have a boundary, and nothing of Yiyang', async () => {
    expect(summary).not.toBeNull();
    const units = await rows<{ code: string; name: string; level: string; parent_code: string | null }>(
      `select code, name, level, parent_code from jurisdictions where level <> 'town' order by code`);
    expect(units).toEqual([
      { code: '430000', name: '湖南省', level: 'province', parent_code: null },
      { code: '430200', name: '株洲市', level: 'city', parent_code: '430000' },
      ...[['430202', '荷塘区'], ['430203', '芦淞区'], ['430204', '石峰区'], ['430211', '天元区'], ['430223', '攸县'],
        ['430224', '茶陵县'], ['430225', '炎陵县'], ['430281', '醴陵市']]
        .map(([code, name]) => ({ code, name, level: 'county', parent_code: '430200' })),
    ]);
    expect(await rows(`select code from jurisdictions where code like '4309%'`)).toEqual([]);
  });

  it('has the source boundary for each county (same extent and area) and its county town where it is', async () => {
    // Compared by extent and area, not by an overlay: the embedded PostGIS loses the whole
    // result of a failing floating-point overlay (docs/boundaries.md).
    for (const county of source.counties.filter((c) => c.shape)) {
      const shape = decodeShape(county.shape!);
      const [row] = await rows<{ west: number; south: number; east: number; north: number; area: number }>(
        `select st_xmin(boundary) as west, st_ymin(boundary) as south, st_xmax(boundary) as east, st_ymax(boundary) as north,
                st_area(boundary::geography) as area
           from jurisdictions where code = $1`, [county.code]);
      const [west, south, east, north] = turf.bbox(shape);
      expect([row!.west, row!.south, row!.east, row!.north].map((v) => v.toFixed(6))).toEqual([west, south, east, north].map((v) => v!.toFixed(6)));
      expect(Math.abs(row!.area / turf.area(shape) - 1)).toBeLessThan(0.005);
    }
    // Independently known: 醴陵市's and 炎陵县's county towns lie in them.
    const [placed] = await rows<{ liling: string; yanling: string }>(
      `select (select code from jurisdictions where level = 'county' and st_contains(boundary, st_setsrid(st_point(113.50, 27.65), 4326))) as liling,
              (select code from jurisdictions where level = 'county' and st_contains(boundary, st_setsrid(st_point(113.77, 26.49), 4326))) as yanling`);
    expect(placed).toEqual({ liling: '430281', yanling: '430225' });
  });

  it('has every town of those counties with its source name and code, under its county, with a synthetic boundary inside it', async () => {
    const towns = await rows<{ code: string; name: string; parent_code: string; synthetic_boundary: boolean; inside: boolean }>(
      `select t.code, t.name, t.parent_code, t.synthetic_boundary,
              st_coveredby(t.boundary, st_buffer(c.boundary, 0.00001)) as inside
         from jurisdictions t join jurisdictions c on c.code = t.parent_code
        where t.level = 'town' order by t.code`);
    const expected = source.counties.filter((c) => c.shape).flatMap((c) => c.towns.map(([code, name]) => ({ code, name, parent_code: c.code })));
    expect(towns.map(({ code, name, parent_code }) => ({ code, name, parent_code }))).toEqual(expected);
    expect(towns.every((t) => t.synthetic_boundary && t.inside)).toBe(true);
    expect(summary!.towns).toBe(expected.length);
    // Checked against other published lists of 炎陵县's and 醴陵市's towns and streets.
    const names = (county: string) => towns.filter((t) => t.parent_code === county).map((t) => t.name);
    expect(names('430225')).toEqual(expect.arrayContaining(['霞阳镇', '沔渡镇', '十都镇', '水口镇']));
    expect(names('430281')).toEqual(expect.arrayContaining(['阳三石街道', '仙岳山街道', '国瓷街道', '来龙门街道']));
    expect(towns.every((t) => t.code.length === 9 && t.code.startsWith(t.parent_code))).toBe(true);
    expect(towns.filter((t) => t.code.startsWith('430212'))).toEqual([]);
  });

  it('has demo data of its own: enterprises, hazards and roads in its towns, users of its city', async () => {
    const [counts] = await rows<{ enterprises: number; elsewhere: number; hazards: number; roads: number; addressed: number }>(
      `select (select count(*)::int from enterprises) as enterprises,
              (select count(*)::int from enterprises e where not exists (select 1 from jurisdictions j where j.code = e.town_code and j.level = 'town')) as elsewhere,
              (select count(*)::int from hazards) as hazards,
              (select count(*)::int from road_segments) as roads,
              (select count(*)::int from enterprises where address like '湖南省株洲市%' and name not like '益阳%') as addressed`);
    expect(counts).toEqual({ enterprises: 2000, elsewhere: 0, hazards: 20000, roads: 300, addressed: 2000 });
    const leader = summary!.users.find((u) => u.username === 'leader')!;
    expect(leader).toMatchObject({ jurisdictionCode: '430200', jurisdictionName: '株洲市', department: '株洲市人民政府' });
    // Every enterprise lies in its town, as app.town_at finds it.
    const [misplaced] = await rows<{ n: number }>(
      `select count(*)::int as n from enterprises e join jurisdictions t on t.code = e.town_code where not st_covers(t.boundary, e.location)`);
    expect(misplaced!.n).toBe(0);
  });
});

describe('CITY_CODE', () => {
  const config = (code: string) => readConfig({ ...process.env, CITY_CODE: code, DEMO_DATA: 'false' });

  it('takes a city, a county-level unit or a municipality by its province code', () => {
    expect(config('430200').cityCode).toBe('430200');
    expect(config('430225').cityCode).toBe('430225');
    expect(config('110000').cityCode).toBe('110100');
    expect(readConfig({ ...process.env, CITY_CODE: '' }).cityCode).toBe('430900');
  });

  it('stops the start, naming the variable, for a code that is malformed, unknown or has no boundary', () => {
    for (const code of ['43020', '999900', '430212']) {
      expect(() => config(code)).toThrow(ConfigError);
      expect(() => config(code)).toThrow(/CITY_CODE/);
    }
  });
});
