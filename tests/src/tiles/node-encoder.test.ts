import 'reflect-metadata';
import type { Viewer } from '@risk/api/common/viewer';
import { parseTileFilter } from '@risk/api/tiles/tile-filter';
import { TileService } from '@risk/api/tiles/tiles.service';
import type { LayerName } from '@risk/api/tiles/tiles.sql';
import { startTestApp, type TestApp } from '../support/app';
import { decodeTile, tileAt, type DecodedFeature } from './tile-support';

// The demo admin: a request re-reads its account by id, so the id must be the admin's.
let ADMIN: Viewer;

let app: TestApp;
let centre: { lng: number; lat: number };

beforeAll(async () => {
  app = await startTestApp();
  const { rows: [admin] } = await app.db.pool.query<{ id: number }>(`select id from users where username = 'admin'`);
  ADMIN = { userId: admin!.id, username: 'admin', role: 'admin', jurisdictionCode: null, sectors: [], enterpriseId: null, enterpriseTownCode: null };
  const { rows: [row] } = await app.db.pool.query<{ lng: number; lat: number }>(
    'select st_x(st_centroid(st_collect(location))) as lng, st_y(st_centroid(st_collect(location))) as lat from hazards');
  centre = row!;
});
afterAll(() => app.close());

async function decoded(service: TileService, layer: LayerName, z: number, query = ''): Promise<DecodedFeature[]> {
  const { x, y } = tileAt(centre.lng, centre.lat, z);
  const bytes = await service.tile(ADMIN, layer, { z, x, y }, parseTileFilter(layer, new URLSearchParams(query)));
  return decodeTile(bytes)[layer] ?? [];
}

// Property order differs between the encoders (column order, jsonb order): sort by id and place.
const sortKey = (f: DecodedFeature | Omit<DecodedFeature, 'geometry'>) =>
  `${f.id ?? ''}|${'geometry' in f ? JSON.stringify(f.geometry) : ''}`;

/** Features in a comparable order, with geometry reduced to what both encoders must agree on. */
const comparable = (list: DecodedFeature[], withGeometry: boolean) => list
  .map((f) => ({ id: f.id, type: f.type, properties: f.properties, ...(withGeometry ? { geometry: f.geometry } : {}) }))
  .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

describe('the Node encoder', () => {
  it('is chosen by itself where PostGIS has no protobuf support, ST_AsMVT elsewhere', async () => {
    const encoding = await new TileService(app.db.pool).encodingInUse();
    expect(encoding).toBe(process.env.TEST_DATABASE_MODE === 'embedded' ? 'node' : 'database');
  });
});

// Only a server has ST_AsMVT to compare with, so this comparison exists in server mode (CI's)
// alone; tiles.test.ts checks the Node encoder's features against SQL recounts in both modes.
if (process.env.TEST_DATABASE_MODE === 'server') {
  describe('the Node encoder beside ST_AsMVT', () => {
    it.each([
      // Points: the same features at the same tile coordinates, values and ids.
      ['hazards', 12, '', true],
      ['hazards', 12, '?statuses=REPORTED,RECTIFYING&levels=GENERAL', true],
      ['hazards', 7, '', true],
      ['enterprises', 12, '', true],
      ['enterprises', 8, '', true],
      // Lines and polygons: the same features; ST_AsMVTGeom also simplifies, so vertices may differ.
      ['road_segments', 10, '', false],
      ['jurisdictions', 9, '', false],
    ] as const)('gives the same %s features as ST_AsMVT at z%i %s', async (layer, z, query, withGeometry) => {
      const fromDatabase = await decoded(new TileService(app.db.pool, { encoding: 'database' }), layer, z, query);
      const fromNode = await decoded(new TileService(app.db.pool, { encoding: 'node' }), layer, z, query);
      expect(fromDatabase.length).toBeGreaterThan(0);
      expect(comparable(fromNode, withGeometry)).toEqual(comparable(fromDatabase, withGeometry));
    });
  });
}
