import 'reflect-metadata';
import { get as httpGet } from 'node:http';
import { layerFields } from '@risk/api/tiles/tilejson';
import { AGGREGATE_BELOW_ZOOM, LAYERS, tileQuery } from '@risk/api/tiles/tiles.sql';
import { startTestApp, type TestApp } from '../support/app';
import { decodeTile, ENVELOPE_4326, tileAt, type DecodedFeature } from './tile-support';

let app: TestApp;
let base: string;
const tokens: Record<string, string> = {};
/** The demo town official's town, and a tile of single points over its hazards that also holds other towns'. */
let town: string;
let townTile: { z: number; x: number; y: number };
/** A z7 tile over the centre of the city's hazards: aggregated. */
let cityTile: { z: number; x: number; y: number };

interface TileResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

async function get(path: string, token?: string, headers: Record<string, string> = {}): Promise<TileResponse> {
  const response = await fetch(`${base}${path}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function features(path: string, token: string, layer: string): Promise<DecodedFeature[]> {
  const response = await get(path, token);
  expect(response.status).toBe(200);
  return decodeTile(response.bytes)[layer] ?? [];
}

const path = (layer: string, { z, x, y }: { z: number; x: number; y: number }, query = '') =>
  `/tiles/${layer}/${z}/${x}/${y}.mvt${query}`;

/** Ids the owner (no row-level security) finds in a tile's envelope under an extra condition. */
async function idsInTile(table: string, tile: { z: number; x: number; y: number }, condition: string, values: unknown[] = []): Promise<number[]> {
  const { rows } = await app.db.pool.query<{ id: number }>(
    `select id from ${table} h where h.location && ${ENVELOPE_4326} and ${condition} order by id`,
    [tile.z, tile.x, tile.y, ...values]);
  return rows.map((row) => row.id);
}

const sortedIds = (list: DecodedFeature[]) => list.map((f) => Number(f.id)).sort((a, b) => a - b);
const errorCodeOf = (response: TileResponse) => JSON.parse(Buffer.from(response.bytes).toString()).errors[0].extensions.code;

/** The tile at zoom z holding the most of the town's hazards among those that hold another town's too. */
async function tileAcrossTownEdge(code: string, z: number): Promise<{ z: number; x: number; y: number }> {
  const { rows } = await app.db.pool.query<{ mine: boolean; lng: number; lat: number }>(
    `select h.town_code = $1 as mine, st_x(h.location) as lng, st_y(h.location) as lat
     from hazards h where h.location && st_expand((select boundary from jurisdictions where code = $1), 0.05)`, [code]);
  const tiles = new Map<string, { tile: { z: number; x: number; y: number }; mine: number; others: number }>();
  for (const row of rows) {
    const tile = tileAt(row.lng, row.lat, z);
    const key = `${tile.x}/${tile.y}`;
    const entry = tiles.get(key) ?? { tile, mine: 0, others: 0 };
    if (row.mine) entry.mine += 1; else entry.others += 1;
    tiles.set(key, entry);
  }
  const shared = [...tiles.values()].filter((t) => t.mine > 0 && t.others > 0).sort((a, b) => b.mine - a.mine);
  if (!shared[0]) throw new Error(`no z${z} tile holds hazards of ${code} and of another town`);
  return shared[0].tile;
}

beforeAll(async () => {
  // TileJSON names the api by PUBLIC_URL, not by the address the test reaches it at.
  app = await startTestApp({ PUBLIC_URL: 'https://risk.example.cn' });
  base = app.baseUrl;
  for (const user of ['admin', 'leader', 'town']) tokens[user] = await app.login(user);
  town = (await app.db.pool.query<{ code: string }>(`select jurisdiction_code as code from users where username = 'town'`)).rows[0]!.code;
  townTile = await tileAcrossTownEdge(town, AGGREGATE_BELOW_ZOOM);
  // The demo town is a typical one, with few overdue hazards: the filter test gets its own,
  // an overdue fire hazard beside one of the town's hazards in the tile, made before any tile is cached.
  await app.db.pool.query(
    `insert into hazards (code, description, level, sector, source, location, town_code, found_at, responsible_person, deadline)
     select 'T-' || md5(random()::text), 'test hazard', 'GENERAL', 'FIRE_SAFETY', 'DEPARTMENT_INSPECTION', location, town_code,
            now() - interval '30 days', 'p', app.today() - 10
       from hazards h where h.location && ${ENVELOPE_4326} and town_code = $4
      order by id limit 1`, [townTile.z, townTile.x, townTile.y, town]);
  const { rows: [city] } = await app.db.pool.query<{ lng: number; lat: number }>(
    'select st_x(st_centroid(st_collect(location))) as lng, st_y(st_centroid(st_collect(location))) as lat from hazards');
  cityTile = tileAt(city!.lng, city!.lat, 7);
});
afterAll(() => app.close());

describe('hazard tiles', () => {
  it('hold exactly the hazards in the tile for the administrator', async () => {
    const tile = await features(path('hazards', townTile), tokens.admin!, 'hazards');
    expect(tile.length).toBeGreaterThan(0);
    expect(sortedIds(tile)).toEqual(await idsInTile('hazards', townTile, 'true'));
  });

  it('hold exactly the hazards of the query-string filter, as the GraphQL HazardFilter reads it', async () => {
    const tile = await features(path('hazards', townTile, '?sectors=FIRE_SAFETY,CITY_GAS,HAZARDOUS_CHEMICALS&overdue=true'), tokens.admin!, 'hazards');
    const expected = await idsInTile('hazards', townTile,
      `h.sector in ('FIRE_SAFETY', 'CITY_GAS', 'HAZARDOUS_CHEMICALS') and h.deadline < current_date and h.status in ('REPORTED', 'RECTIFYING')`);
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(tile)).toEqual(expected);
    expect(tile.every((f) => f.properties.overdue === true)).toBe(true);
  });

  it('of a town official hold only their town', async () => {
    const tile = await features(path('hazards', townTile), tokens.town!, 'hazards');
    const others = await idsInTile('hazards', townTile, 'h.town_code <> $4', [town]);
    expect(others.length).toBeGreaterThan(0);
    expect(sortedIds(tile)).toEqual(await idsInTile('hazards', townTile, 'h.town_code = $4', [town]));
    expect(new Set(tile.map((f) => f.properties.town_code))).toEqual(new Set([town]));
  });

  it('accept the token in the query string, for map clients that cannot send headers', async () => {
    const tile = await features(`${path('hazards', townTile)}?token=${tokens.town}`, '', 'hazards');
    expect(sortedIds(tile)).toEqual(await idsInTile('hazards', townTile, 'h.town_code = $4', [town]));
  });

  it('are gzipped, privately cacheable, and answer 304 to a matching If-None-Match', async () => {
    const first = await get(path('hazards', townTile), tokens.leader);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('cache-control')).toBe('private, max-age=60');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    // As a browser revalidates from its cache. fetch() itself cannot: with If-None-Match it
    // also sends Cache-Control: no-cache, which rightly asks for the full tile.
    const again = await new Promise<{ status: number; length: number }>((resolve, reject) => {
      httpGet(`${base}${path('hazards', townTile)}`, { headers: { authorization: `Bearer ${tokens.leader}`, 'if-none-match': etag } }, (res) => {
        let length = 0;
        res.on('data', (chunk: Buffer) => { length += chunk.length; });
        res.on('end', () => resolve({ status: res.statusCode!, length }));
      }).on('error', reject);
    });
    expect(again).toEqual({ status: 304, length: 0 });
  });

  it(`aggregate points into grid cells below z${AGGREGATE_BELOW_ZOOM}, counting every hazard once, under 500 KB`, async () => {
    const response = await get(path('hazards', cityTile), tokens.admin, { 'accept-encoding': 'identity' });
    expect(response.status).toBe(200);
    expect(response.bytes.length).toBeLessThan(500 * 1024);
    const cells = decodeTile(response.bytes).hazards!;
    const { rows: [expected] } = await app.db.pool.query<{ count: number; weight: number }>(
      `select count(*)::int as count, sum(case level when 'MAJOR' then 5 else 1 end)::int as weight
       from hazards h where h.location && ${ENVELOPE_4326}`, [cityTile.z, cityTile.x, cityTile.y]);
    const sum = (key: string) => cells.reduce((total, cell) => total + Number(cell.properties[key]), 0);
    expect(cells.length).toBeGreaterThan(1);
    expect(cells.length).toBeLessThanOrEqual(64 * 64);
    expect(sum('count')).toBe(expected!.count);
    expect(sum('weight')).toBe(expected!.weight);
  });
});

describe('tile requests that are refused', () => {
  it.each([
    ['z above 22', '/tiles/hazards/23/0/0.mvt'],
    ['x outside the zoom', '/tiles/hazards/2/4/0.mvt'],
    ['y outside the zoom', '/tiles/hazards/2/0/4.mvt'],
    ['a negative x', '/tiles/hazards/2/-1/0.mvt'],
    ['z not a number', '/tiles/hazards/z/0/0.mvt'],
    ['an unknown sector', '/tiles/hazards/2/0/0.mvt?sectors=FIRE'],
    ['an unknown filter', '/tiles/hazards/2/0/0.mvt?colour=red'],
    ['a bad date', '/tiles/hazards/2/0/0.mvt?foundFrom=yesterday'],
  ])('%s is BAD_USER_INPUT', async (_what, url) => {
    const response = await get(url, tokens.admin);
    expect(response.status).toBe(400);
    expect(errorCodeOf(response)).toBe('BAD_USER_INPUT');
  });

  it('an unknown layer is NOT_FOUND', async () => {
    const response = await get('/tiles/accidents/1/0/0.mvt', tokens.admin);
    expect(response.status).toBe(404);
    expect(errorCodeOf(response)).toBe('NOT_FOUND');
  });

  it.each(['hazards', 'enterprises', 'road_segments'])('the public gets UNAUTHENTICATED for %s', async (layer) => {
    const response = await get(path(layer, townTile));
    expect(response.status).toBe(401);
    expect(errorCodeOf(response)).toBe('UNAUTHENTICATED');
  });
});

describe('every layer', () => {
  it.each(['hazards', 'enterprises', 'road_segments', 'jurisdictions'])(
    '%s: TileJSON 3.0.0 lists the fields its tiles carry, and keeps the filter in the tiles URL', async (layer) => {
      const query = layer === 'jurisdictions' ? '' : `?jurisdictionCode=${town.slice(0, 6)}`;
      const json = await get(`/tiles/${layer}.json${query}`, tokens.admin);
      expect(json.status).toBe(200);
      const tileJson = JSON.parse(Buffer.from(json.bytes).toString());
      expect(tileJson).toMatchObject({ tilejson: '3.0.0', minzoom: 0, maxzoom: 16, vector_layers: [{ id: layer }] });
      expect(tileJson.tiles[0]).toBe(`https://risk.example.cn/tiles/${layer}/{z}/{x}/{y}.mvt${query}`);
      const [west, south, east, north] = tileJson.bounds;
      expect(west).toBeGreaterThan(110);
      expect(east).toBeLessThan(114);
      expect(south).toBeGreaterThan(27);
      expect(north).toBeLessThan(30);

      const keys = new Set<string>();
      for (const tile of [townTile, cityTile]) {
        for (const feature of await features(path(layer, tile, query), tokens.admin!, layer)) {
          Object.keys(feature.properties).forEach((key) => keys.add(key));
        }
      }
      expect(keys.size).toBeGreaterThan(0);
      expect([...keys].filter((key) => !(key in layerFields(layer as never)))).toEqual([]);
    });

  it('a tile query uses the GiST index under row-level security (&& leakproof, envelope transformed)', async () => {
    const client = await app.db.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('role', 'app_user', true), set_config('app.role', 'town', true), set_config('app.scope_prefix', $1, true)`, [town]);
      const sql = tileQuery(LAYERS.hazards, { where: 'true', aggregate: false, encoding: 'node' });
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, [14, townTile.x * 2 ** (14 - townTile.z), townTile.y * 2 ** (14 - townTile.z)]);
      expect(rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Scan (using|on) hazards_location_gist/);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
