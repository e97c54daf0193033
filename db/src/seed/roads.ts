import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import type { RiskLevel } from './catalog';
import { TownIndex, type Geography, type Town } from './geography';
import { localColour, type LocalColour } from './local';
import { Rng } from './random';
import { bool, lineText, textArray, type Row } from './rows';

// A synthetic road network: roads run from town centre to town centre along the edges of a
// neighbour graph (each town to its nearest towns, where the straight line stays inside the
// city), bent once between towns so they do not look ruled. The network is then cut into the
// requested number of segments, in proportion to each road's length, and chainage (桩号)
// runs on along each road in metres from a starting kilometre.

export type RoadClass = 'NATIONAL' | 'PROVINCIAL' | 'COUNTY' | 'TOWNSHIP';

export interface RoadSegment {
  id: number;
  roadName: string;
  line: Position[];
  town: Town;
  risk: RiskLevel;
  blackSpot: boolean;
  /** What makes it dangerous (FEATURE_WEIGHTS' keys, and ACCIDENT_BLACK_SPOT). */
  features: string[];
  row: Row;
}

interface Road {
  number: string;
  roadClass: RoadClass;
  path: Town[];
  line: Position[];
  startKm: number;
}

const NEIGHBOURS = 4;
const HOPS: Readonly<Record<RoadClass, readonly [number, number]>> = {
  NATIONAL: [7, 11], PROVINCIAL: [4, 7], COUNTY: [2, 4], TOWNSHIP: [1, 2],
};
const START_KM: Readonly<Record<RoadClass, readonly [number, number]>> = {
  NATIONAL: [600, 1800], PROVINCIAL: [20, 300], COUNTY: [0, 30], TOWNSHIP: [0, 5],
};
const MEAN_ACCIDENTS: Readonly<Record<RoadClass, number>> = { NATIONAL: 2.2, PROVINCIAL: 1.6, COUNTY: 0.9, TOWNSHIP: 0.5 };

/** Road numbers: real-looking national and provincial numbers, then county (X) and township (Y) roads per county. */
function roadNumbers(geography: Geography, colour: LocalColour): Array<[string, RoadClass, string | null]> {
  const numbers: Array<[string, RoadClass, string | null]> = colour.trunkRoads.map(([number, roadClass]) => [number, roadClass, null]);
  geography.counties.forEach((county, c) => {
    for (let k = 1; k <= 4; k++) numbers.push([`X${c + 1}${String(k).padStart(2, '0')}`, 'COUNTY', county.code]);
    for (let k = 1; k <= 3; k++) numbers.push([`Y${c + 1}${String(k).padStart(2, '0')}`, 'TOWNSHIP', county.code]);
  });
  return numbers;
}

function neighbourGraph(geography: Geography): Map<Town, Town[]> {
  const graph = new Map<Town, Town[]>(geography.towns.map((t) => [t, []]));
  for (const town of geography.towns) {
    const nearest = geography.towns
      .filter((t) => t !== town)
      .map((t) => [t, turf.distance(town.centre, t.centre)] as const)
      .sort((a, b) => a[1] - b[1])
      .slice(0, NEIGHBOURS);
    for (const [other] of nearest) {
      if (graph.get(town)!.includes(other)) continue;
      if (!turf.booleanWithin(turf.lineString([town.centre, other.centre]), geography.city.polygon)) continue;
      graph.get(town)!.push(other);
      graph.get(other)!.push(town);
    }
  }
  return graph;
}

/** A walk through the graph that prefers to keep its heading, like a through road. */
function walk(graph: Map<Town, Town[]>, start: Town, hops: number, county: string | null, rng: Rng): Town[] {
  const path = [start];
  while (path.length <= hops) {
    const here = path[path.length - 1]!;
    const options = graph.get(here)!.filter((t) => !path.includes(t) && (county === null || t.countyCode === county));
    if (options.length === 0) break;
    const previous = path[path.length - 2];
    const weight = (t: Town): number => {
      if (!previous) return 1;
      const heading = turf.bearing(previous.centre, here.centre);
      const turn = Math.abs(((turf.bearing(here.centre, t.centre) - heading + 540) % 360) - 180);
      return Math.exp(-turn / 45);
    };
    const total = options.reduce((sum, t) => sum + weight(t), 0);
    let r = rng.next() * total;
    path.push(options.find((t) => (r -= weight(t)) < 0) ?? options[options.length - 1]!);
  }
  return path;
}

/** The centres of the path, with one bend between each pair of towns where it stays in the city. */
function bentLine(path: Town[], geography: Geography, rng: Rng): Position[] {
  const line: Position[] = [path[0]!.centre];
  for (let i = 1; i < path.length; i++) {
    const [a, b] = [path[i - 1]!.centre, path[i]!.centre] as [[number, number], [number, number]];
    const offset = rng.float(-0.12, 0.12);
    const bend = [(a[0] + b[0]) / 2 - (b[1] - a[1]) * offset, (a[1] + b[1]) / 2 + (b[0] - a[0]) * offset];
    const bent = turf.lineString([a, bend, b]);
    if (turf.booleanWithin(bent, geography.city.polygon)) line.push(bend);
    line.push(b);
  }
  return line;
}

function buildRoads(seed: number, geography: Geography, colour: LocalColour): Road[] {
  const graph = neighbourGraph(geography);
  const roads: Road[] = [];
  for (const [number, roadClass, county] of roadNumbers(geography, colour)) {
    const rng = new Rng(seed, 'road', number);
    const candidates = geography.towns.filter((t) => county === null || t.countyCode === county);
    const [minHops, maxHops] = HOPS[roadClass];
    let path: Town[] = [];
    for (let attempt = 0; attempt < 20 && path.length < 2; attempt++) {
      path = walk(graph, rng.pick(candidates), rng.int(minHops, maxHops), roadClass === 'NATIONAL' || roadClass === 'PROVINCIAL' ? null : county, rng);
    }
    if (path.length < 2) continue;
    const [minKm, maxKm] = START_KM[roadClass];
    roads.push({ number, roadClass, path, line: bentLine(path, geography, rng), startKm: rng.int(minKm, maxKm) });
  }
  return roads;
}

/** Splits `total` pieces over weights by largest remainder, at least one each. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const quotas = weights.map((w) => Math.max(1, (total * w) / sum));
  const counts = quotas.map(Math.floor);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0, left = total - counts.reduce((s, c) => s + c, 0); left > 0; k = (k + 1) % order.length, left--) {
    counts[order[k]![1]]! += 1;
  }
  return counts;
}

const shortName = (town: Town): string => town.name.replace(/(街道|镇|乡)$/, '');

function roadName(road: Road): string {
  const n = road.number.slice(1);
  if (road.roadClass === 'NATIONAL') return `国道${n}线`;
  if (road.roadClass === 'PROVINCIAL') return `省道${n}线`;
  return `${shortName(road.path[0]!)}至${shortName(road.path[road.path.length - 1]!)}公路`;
}

const FEATURE_WEIGHTS = {
  SHARP_BEND_STEEP_SLOPE: 3, BESIDE_WATER_OR_CLIFF: 3, LONG_DESCENT: 2, POOR_SIGHT_LINES: 3,
  NO_GUARD_RAILS: 3, LEVEL_JUNCTION: 4,
} as const;

/** The midpoint as PostGIS's st_lineinterpolatepoint(geom, 0.5) finds it: by planar length in degrees. */
function planarMidpoint(line: Position[]): Position {
  const lengths = line.slice(1).map((p, i) => Math.hypot(p[0]! - line[i]![0]!, p[1]! - line[i]![1]!));
  let half = lengths.reduce((s, l) => s + l, 0) / 2;
  for (let i = 0; i < lengths.length; i++) {
    if (half <= lengths[i]!) {
      const f = half / lengths[i]!;
      return [line[i]![0]! + f * (line[i + 1]![0]! - line[i]![0]!), line[i]![1]! + f * (line[i + 1]![1]! - line[i]![1]!)];
    }
    half -= lengths[i]!;
  }
  return line[line.length - 1]!;
}

function segmentRow(id: number, road: Road, name: string, piece: Position[], fromM: number, toM: number,
  index: TownIndex, rng: Rng, colour: LocalColour): RoadSegment {
  const feature = turf.lineString(piece);
  const midpoint = planarMidpoint(piece);
  const town = index.at(midpoint);
  if (!town) throw new Error(`road ${road.number} leaves the city at K${fromM / 1000}`);
  const mountain = colour.mountainCounties.includes(town.countyCode);
  const weights: Record<string, number> = { ...FEATURE_WEIGHTS };
  if (mountain) weights.SHARP_BEND_STEEP_SLOPE = 8;
  if (mountain) weights.LONG_DESCENT = 6;
  const features = new Set<string>();
  for (let k = rng.int(1, 3); k > 0; k--) features.add(rng.weighted(weights));
  const accidents = rng.poisson(MEAN_ACCIDENTS[road.roadClass] * (1 + features.size / 3));
  const blackSpot = accidents >= 4;
  if (blackSpot) features.add('ACCIDENT_BLACK_SPOT');
  const score = features.size + accidents / 2 + (road.roadClass === 'NATIONAL' ? 1 : 0);
  const risk: RiskLevel = score >= 6 ? 'RED' : score >= 4 ? 'ORANGE' : score >= 2.5 ? 'YELLOW' : 'BLUE';
  const department = road.roadClass === 'NATIONAL' || road.roadClass === 'PROVINCIAL' ? '交通运输局' : '公安局交通警察大队';
  const towns = index.crossedBy(feature).map((t) => t.code);
  return {
    id, roadName: name, line: piece, town, risk, blackSpot, features: [...features].sort(),
    row: [String(id), name, road.number, road.roadClass, String(fromM), String(toM), lineText(piece), town.code,
      textArray(towns), textArray([...features].sort()), String(accidents), risk, department, bool(true)],
  };
}

/** `count` road segments over the synthetic network; deterministic in `seed`. */
export function generateRoadSegments(seed: number, count: number, geography: Geography): RoadSegment[] {
  const colour = localColour(seed, geography);
  const roads = buildRoads(seed, geography, colour);
  const lengths = roads.map((r) => turf.length(turf.lineString(r.line)));
  const pieces = apportion(count, lengths);
  const index = new TownIndex(geography.towns);
  const segments: RoadSegment[] = [];
  roads.forEach((road, r) => {
    const name = roadName(road);
    const rng = new Rng(seed, 'road-segments', road.number);
    const line = turf.lineString(road.line);
    const step = lengths[r]! / pieces[r]!;
    const startM = road.startKm * 1000 + rng.int(0, 999);
    for (let k = 0; k < pieces[r]!; k++) {
      const piece = turf.lineSliceAlong(line, k * step, (k + 1) * step).geometry.coordinates;
      const fromM = startM + Math.round(k * step * 1000);
      const toM = Math.max(fromM + 1, startM + Math.round((k + 1) * step * 1000));
      segments.push(segmentRow(segments.length + 1, road, name, piece, fromM, toM, index, rng, colour));
    }
  });
  return segments;
}
