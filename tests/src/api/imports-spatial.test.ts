import { randomBytes } from 'node:crypto';
import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { startTestApp, type TestApp } from '../support/app';
import { gcj02ToBd09, metresBetween, wgs84ToGcj02 } from '../support/china-offsets';
import { confirm, download, dryRun } from '../support/imports';
import { PRJ, zippedShapefile } from '../support/shapefile';

// GeoJSON and zipped Shapefile ledgers, and coordinates copied from Amap (GCJ-02) or Baidu
// (BD-09): converted to WGS84 before they are stored (docs/import.md). The offsets of the
// test's points are computed by independent formulas (support/china-offsets.ts).

const SLOW_MS = 180_000;
let app: TestApp;
let admin: string;
/** Known places: a point inside each of a few towns, in WGS84. */
let places: { code: string; name: string; wgs84: [number, number] }[];

const tag = () => randomBytes(3).toString('hex').toUpperCase();
const creditCode = (n: number) => {
  const first17 = `91430900MA6G${String(n).padStart(5, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login('admin');
  const { rows } = await app.db.pool.query<{ code: string; name: string; lng: number; lat: number }>(
    `select code, name, st_x(st_pointonsurface(boundary)) as lng, st_y(st_pointonsurface(boundary)) as lat
     from jurisdictions where level = 'town' order by code limit 3`);
  places = rows.map((r) => ({ code: r.code, name: r.name, wgs84: [r.lng, r.lat] }));
}, SLOW_MS);
afterAll(() => app.close());

const located = async (creditCodes: string[]) => (await app.db.pool.query<{ credit_code: string; lng: number; lat: number; town_code: string }>(
  'select credit_code, st_x(location) as lng, st_y(location) as lat, town_code from enterprises where credit_code = any($1)', [creditCodes])).rows;

describe.each([
  ['GCJ02', (p: [number, number]) => wgs84ToGcj02(p)],
  ['BD09', (p: [number, number]) => gcj02ToBd09(wgs84ToGcj02(p))],
] as const)('a GeoJSON of enterprises with %s coordinates', (crs, offset) => {
  it('lands every point within 5 m of its WGS84 position, in its town', async () => {
    const n = Number.parseInt(tag(), 16) % 50_000;
    const features = places.map((place, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: offset(place.wgs84) },
      properties: { 单位名称: `${place.name}测试企业${i}`, 统一社会信用代码: creditCode(n + i), 行业领域: '工贸', 风险等级: '蓝色' },
    }));
    // The offset is hundreds of metres: taken as WGS84 the points would land elsewhere.
    expect(Math.min(...places.map((p) => metresBetween(p.wgs84, offset(p.wgs84))))).toBeGreaterThan(100);
    const bytes = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }), 'utf8');
    const run = await dryRun(app, admin, '企业.geojson', bytes, { kind: 'enterprises', crs });
    expect(run).toMatchObject({ status: 'CHECKED', problemCount: 0, inserted: places.length });
    await confirm(app, admin, run.id);
    const rows = await located(places.map((_, i) => creditCode(n + i)));
    expect(rows).toHaveLength(places.length);
    for (const [i, place] of places.entries()) {
      const row = rows.find((r) => r.credit_code === creditCode(n + i))!;
      expect(metresBetween([row.lng, row.lat], place.wgs84)).toBeLessThan(5);
      expect(row.town_code).toBe(place.code);
    }
  }, SLOW_MS);
});

describe('spatial ledgers', () => {
  it('a zipped Shapefile of hazards, its attribute text in GBK without .cpg, imports with its points', async () => {
    const codes = places.map(() => `YH-S-${tag()}`);
    const zip = await zippedShapefile(places.map((place, i) => ({
      geometry: { type: 'Point', coordinates: place.wgs84 },
      properties: { 隐患编号: codes[i]!, 隐患内容: '液氨储罐区未设置泄漏报警', 隐患级别: '重大隐患', 行业领域: '工贸', 隐患来源: '四不两直', 排查日期: '2026-02-10' },
    })), { encoding: 'gbk', prj: PRJ.CGCS2000 });
    const run = await dryRun(app, admin, '隐患.zip', zip, { kind: 'hazards', crs: 'CGCS2000' });
    expect(run).toMatchObject({ status: 'CHECKED', problemCount: 0, inserted: places.length, unmappedRequired: [] });
    await confirm(app, admin, run.id);
    const { rows } = await app.db.pool.query('select code, level, source, town_code, st_x(location) as lng, st_y(location) as lat from hazards where code = any($1) order by code', [codes]);
    expect(rows).toHaveLength(places.length);
    for (const row of rows) {
      const place = places[codes.indexOf(row.code)]!;
      expect(row).toMatchObject({ level: 'MAJOR', source: 'UNANNOUNCED_VISIT', town_code: place.code });
      expect(metresBetween([row.lng, row.lat], place.wgs84)).toBeLessThan(0.01);
    }
    const again = await dryRun(app, admin, '隐患.zip', zip, { kind: 'hazards', crs: 'CGCS2000' });
    expect(again).toMatchObject({ problemCount: 0, inserted: 0, unchanged: places.length });
  }, SLOW_MS);

  it('a GeoJSON of road segments takes their lines; a bad feature is named in the report\'s property', async () => {
    const [a, b] = [places[0]!.wgs84, places[1]!.wgs84];
    const id = `LD-${tag()}`;
    const segment = (externalId: string, start: string, coordinates: number[][]) => ({
      type: 'Feature', geometry: { type: 'LineString', coordinates },
      properties: { 路段编号: externalId, 道路名称: '资江大道', 道路编号: 'S308', 道路等级: '省道', 起点桩号: start, 终点桩号: 'K3+200', 风险等级: '橙色', 隐患特征: '急弯陡坡、视距不良' },
    });
    const good = segment(id, 'K2+900', [a, [a[0] + 0.002, a[1] + 0.001]]);
    const bad = segment(`LD-${tag()}`, 'K3+500', [b, [b[0] + 0.002, b[1]]]);
    const bytes = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [good, bad] }));
    const run = await dryRun(app, admin, '路段.geojson', bytes, { kind: 'road-segments' });
    expect(run.problems).toEqual([expect.objectContaining({ row: 2, column: '终点桩号', reason: '终点桩号须大于起点桩号' })]);
    const report = await download(app, admin, `/imports/${run.id}/report.geojson`);
    expect(report.status).toBe(200);
    const features = (await report.json()).features;
    expect(features[0].properties.错误原因).toBeNull();
    expect(features[1].properties.错误原因).toContain('终点桩号须大于起点桩号');

    const fixed = await dryRun(app, admin, '路段.geojson', Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [good] })), { kind: 'road-segments' });
    expect(fixed).toMatchObject({ problemCount: 0, inserted: 1 });
    await confirm(app, admin, fixed.id);
    const { rows: [road] } = await app.db.pool.query(
      'select road_number, start_chainage_m, features, st_npoints(geom) as points, town_code from road_segments where external_id = $1', [id]);
    expect(road).toMatchObject({ road_number: 'S308', start_chainage_m: 2900, features: ['SHARP_BEND_STEEP_SLOPE', 'POOR_SIGHT_LINES'], points: 2 });
  }, SLOW_MS);
});
