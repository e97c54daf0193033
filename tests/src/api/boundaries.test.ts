import type { MultiPolygon, Polygon, Position } from 'geojson';
import pg from 'pg';
import { hashPassword, loadPlaceIfEmpty, migrate } from '@risk/db';
import { creditCheckCharacter } from '../../../db/src/seed/enterprises';
import { startTestApp, type TestApp } from '../support/app';
import { upload } from '../support/attachments';
import { wgs84ToGcj02 } from '../support/china-offsets';
import { TEST_PASSWORD } from '../support/constants';
import { freshDatabase, type FreshDatabase } from '../support/fresh-database';
import { zippedShapefile } from '../support/shapefile';

// Boundary import on a database of its own (it replaces boundaries): the deployment is the
// county 南县 (CITY_CODE=430921), its jurisdictions only, an admin, a leader and one
// enterprise placed in a town.

const COUNTY = '430921';
let fresh: FreshDatabase;
let app: TestApp;
let adminToken: string;
let towns: Array<{ code: string; name: string; boundary: MultiPolygon; label: Position }>;

beforeAll(async () => {
  fresh = await freshDatabase();
  const pool = new pg.Pool({ connectionString: fresh.connectionString, max: 1 });
  try {
    await migrate(pool);
    await loadPlaceIfEmpty(pool, { seed: 4309, cityCode: COUNTY });
    const hash = await hashPassword(TEST_PASSWORD);
    await pool.query(`insert into users (username, password_hash, display_name, role, jurisdiction_code, sectors, is_demo)
                      values ('admin', $1, '管理员', 'admin', null, '{}', false), ('leader', $1, '领导', 'leader', '430900', '{}', false)`, [hash]);
  } finally {
    await pool.end();
  }
  app = await startTestApp({ DATABASE_URL: fresh.connectionString, CITY_CODE: COUNTY });
  adminToken = await app.login('admin');
  towns = (await app.db.pool.query(
    `select code, name, st_asgeojson(boundary)::json as boundary, array[st_x(p), st_y(p)] as label
       from (select *, st_pointonsurface(boundary) as p from jurisdictions where level = 'town') t order by code`)).rows;
  // An enterprise at the label point of the first town.
  const body = `91${COUNTY}123456788`;
  await app.db.pool.query(
    `insert into enterprises (name, credit_code, sector, location, town_code, risk_level)
     values ('南县某厂', $1, 'INDUSTRY_TRADE', st_setsrid(st_point($2, $3), 4326), $4, 'BLUE')`,
    [body + creditCheckCharacter(body), towns[0]!.label[0], towns[0]!.label[1], towns[0]!.code]);
}, 300_000);
afterAll(async () => {
  await app?.close();
  await fresh?.drop();
});

/** A small square (about 200 m) around a position: far inside its town. */
const square = ([x, y]: Position, half = 0.001): Polygon => ({
  type: 'Polygon', coordinates: [[[x! - half, y! - half], [x! + half, y! - half], [x! + half, y! + half], [x! - half, y! + half], [x! - half, y! - half]]],
});
const bowTie = ([x, y]: Position): Polygon => ({
  type: 'Polygon', coordinates: [[[x!, y!], [x! + 0.01, y! + 0.01], [x! + 0.01, y!], [x!, y! + 0.01], [x!, y!]]],
});
const geojson = (features: Array<{ properties: Record<string, string>; geometry: Polygon | MultiPolygon }>) =>
  Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }));
const send = (bytes: Buffer, name: string, fields: Record<string, string>, token = adminToken) =>
  upload(app.baseUrl, '/imports/boundaries', fields, [{ name, bytes, type: 'application/octet-stream' }], token);
const state = async () => (await app.db.pool.query(
  `select code, synthetic_boundary, boundary_imported_at is not null as imported, st_asbinary(boundary) as wkb from jurisdictions order by code`)).rows;

describe('importing boundaries (admin)', () => {
  it('is refused to anyone but the admin, and to no one signed in', async () => {
    const file = geojson([{ properties: { code: towns[0]!.code }, geometry: towns[0]!.boundary }]);
    expect((await send(file, 'a.geojson', { level: 'town' }, await app.login('leader'))).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await upload(app.baseUrl, '/imports/boundaries', { level: 'town' }, [{ name: 'a.geojson', bytes: file }]);
    expect(anonymous.status).toBe(401);
  });

  it('dry run: matches by code or name, converts GCJ-02, finds invalid polygons and unknown units, measures overlaps and gaps, and changes nothing', async () => {
    const before = await state();
    const [a, b, c] = towns;
    const gcj = (polygon: MultiPolygon): MultiPolygon => ({
      type: 'MultiPolygon', coordinates: polygon.coordinates.map((p) => p.map((ring) => ring.map((pos) => wgs84ToGcj02(pos as [number, number])))),
    });
    const file = geojson([
      { properties: { 名称: a!.name }, geometry: gcj(a!.boundary) },
      { properties: { XZQDM: `${b!.code}000` }, geometry: gcj(b!.boundary) },
      { properties: { code: c!.code }, geometry: bowTie(c!.label) },
      { properties: { 名称: '不存在镇' }, geometry: square(a!.label) },
    ]);
    const { status, body } = await send(file, '乡镇.geojson', { level: 'town', crs: 'GCJ02' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ level: 'town', crs: 'GCJ02', confirmed: false, records: 4, matched: 2, unmatched: 1, invalid: 1 });
    expect(body.units.map((u: any) => [u.row, u.status, u.code, u.by])).toEqual([
      [1, 'MATCHED', a!.code, 'name'], [2, 'MATCHED', b!.code, 'code'], [3, 'INVALID', c!.code, 'code'], [4, 'UNMATCHED', null, null]]);
    expect(body.units[2].reason).toMatch(/Self-intersection/);
    // Their own boundaries, back from GCJ-02: no overlap with the siblings, nothing outside the county, no gap.
    for (const unit of body.units.slice(0, 2)) {
      expect(unit.areaM2).toBeGreaterThan(1e6);
      expect(unit.overlapM2).toBeLessThan(unit.areaM2 * 1e-3);
      expect(unit.outsideParentM2).toBeLessThan(unit.areaM2 * 1e-3);
    }
    expect(body.parents).toHaveLength(1);
    expect(body.parents[0]).toMatchObject({ code: COUNTY });
    expect(body.parents[0].gapM2).toBeLessThan(body.parents[0].areaM2 * 1e-3);
    expect(await state()).toEqual(before);
  });

  it('confirm with an invalid polygon among the matched units imports nothing', async () => {
    const before = await state();
    const file = geojson([
      { properties: { code: towns[0]!.code }, geometry: square(towns[1]!.label) },
      { properties: { code: towns[2]!.code }, geometry: bowTie(towns[2]!.label) },
    ]);
    const { status, body } = await send(file, 'b.geojson', { level: 'town', confirm: 'true' });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await state()).toEqual(before);
  });

  it('confirm from a zipped Shapefile replaces the boundaries in one go, marks them imported, and counts the points now outside their town without moving them', async () => {
    const [a] = towns;
    // The first town gets a small square far from its enterprise, on its neighbour's land.
    const target = towns.find((t) => t.code !== a!.code)!.label;
    const file = await zippedShapefile([{ geometry: square(target), properties: { 区划代码: a!.code, 名称: a!.name } }], { encoding: 'gbk' });
    const { status, body } = await send(file, '乡镇界线.zip', { level: 'town', confirm: 'true' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ confirmed: true, matched: 1, replaced: 1, outside: { enterprises: 1, hazards: 0 } });
    expect(body.units[0].overlapM2).toBeGreaterThan(0.9 * body.units[0].areaM2);
    expect(body.parents[0].gapM2).toBeGreaterThan(1e6);
    const { rows: [unit] } = await app.db.pool.query(
      `select synthetic_boundary, boundary_imported_at is not null as imported, round(st_area(boundary::geography)) as area,
              (select town_code from enterprises where name = '南县某厂') as enterprise_town
         from jurisdictions where code = $1`, [a!.code]);
    expect(unit).toMatchObject({ synthetic_boundary: false, imported: true, enterprise_town: a!.code });
    expect(Number(unit.area)).toBe(body.units[0].areaM2);
    const { data } = await app.gql<any>('query ($c: String!) { jurisdiction(code: $c) { syntheticBoundary boundaryImportedAt } }', { c: a!.code }, adminToken);
    expect(data.jurisdiction.syntheticBoundary).toBe(false);
    expect(data.jurisdiction.boundaryImportedAt).not.toBeNull();
  });

  it('refuses a file that is not spatial with a Chinese reason, and a bad level', async () => {
    const notSpatial = await send(Buffer.from('a,b\n1,2'), 'x.csv', { level: 'town' });
    expect(notSpatial.status).toBe(400);
    expect(notSpatial.body.errors[0].message).toContain('不支持的文件类型');
    const badLevel = await send(geojson([]), 'x.geojson', { level: 'province' });
    expect(badLevel.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
  });
});

describe('the public report map', () => {
  it('opens on the deployment\'s area, which anyone may ask for', async () => {
    const { data } = await app.gql<any>('{ serviceArea { code name bbox } }');
    expect(data.serviceArea.code).toBe('430900');
    const [west, south, east, north] = data.serviceArea.bbox;
    expect(west).toBeGreaterThan(111.5); expect(east).toBeLessThan(113);
    expect(south).toBeGreaterThan(28.5); expect(north).toBeLessThan(29.6);
  });
});
