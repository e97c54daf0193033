import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badInput } from './errors';

type Position = number[];

function literalToJs(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.LIST:
      return ast.values.map(literalToJs);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJs(f.value)]));
    case Kind.NULL:
      return null;
    default:
      throw badInput('GeoJSON must be written inline or passed as a variable');
  }
}

function position(value: unknown): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw badInput('a GeoJSON position is [longitude, latitude]');
  }
  const [lng, lat] = value as [number, number];
  if (lng < -180 || lng > 180) throw badInput(`longitude ${lng} is outside -180..180`);
  if (lat < -90 || lat > 90) throw badInput(`latitude ${lat} is outside -90..90`);
  return value as Position;
}

function positions(value: unknown, min: number, what: string): Position[] {
  if (!Array.isArray(value) || value.length < min) throw badInput(`a GeoJSON ${what} needs at least ${min} positions`);
  return value.map(position);
}

function ring(value: unknown): Position[] {
  const points = positions(value, 4, 'polygon ring');
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) throw badInput('a GeoJSON polygon ring must be closed (first position = last)');
  return points;
}

function polygon(value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) throw badInput('a GeoJSON Polygon needs at least one ring');
  value.forEach(ring);
}

/**
 * Most positions in one GeoJSON input: a county boundary drawn for a filter, or a road
 * segment, needs far fewer; every position is work for PostGIS in the request.
 */
export const MAX_GEOJSON_POSITIONS = 10000;

/** Positions in `coordinates`, counted no deeper than a MultiPolygon nests and no further than the cap. */
function positionCount(value: unknown, depth = 0): number {
  if (!Array.isArray(value) || depth > 3) return 0;
  if (typeof value[0] === 'number') return 1;
  let count = 0;
  for (const item of value) {
    count += positionCount(item, depth + 1);
    if (count > MAX_GEOJSON_POSITIONS) break;
  }
  return count;
}

/**
 * Structural RFC 7946 validation of a geometry: type, position ranges, closed rings, at most
 * MAX_GEOJSON_POSITIONS positions. Topological validity (self-intersection) is checked by
 * PostGIS where the geometry is used.
 */
export function validateGeometry(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput('GeoJSON must be an object');
  const geometry = value as { type?: unknown; coordinates?: unknown };
  const coordinates = geometry.coordinates;
  if (positionCount(coordinates) > MAX_GEOJSON_POSITIONS) throw badInput(`GeoJSON may hold at most ${MAX_GEOJSON_POSITIONS} positions`);
  switch (geometry.type) {
    case 'Point':
      position(coordinates);
      break;
    case 'MultiPoint':
      positions(coordinates, 1, 'MultiPoint');
      break;
    case 'LineString':
      positions(coordinates, 2, 'LineString');
      break;
    case 'MultiLineString':
      if (!Array.isArray(coordinates) || coordinates.length === 0) throw badInput('a MultiLineString needs lines');
      coordinates.forEach((line) => positions(line, 2, 'LineString'));
      break;
    case 'Polygon':
      polygon(coordinates);
      break;
    case 'MultiPolygon':
      if (!Array.isArray(coordinates) || coordinates.length === 0) throw badInput('a MultiPolygon needs polygons');
      coordinates.forEach(polygon);
      break;
    default:
      throw badInput(`unsupported GeoJSON geometry type ${String(geometry.type)}`);
  }
  return value as Record<string, unknown>;
}

export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'An RFC 7946 GeoJSON geometry in WGS84 longitude/latitude, validated on input.',
  serialize: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  parseValue: validateGeometry,
  parseLiteral: (ast) => validateGeometry(literalToJs(ast)),
});

export type BBox = [number, number, number, number];

export function validateBBox(value: unknown): BBox {
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw badInput('a BBox is [minLng, minLat, maxLng, maxLat]');
  }
  const [minLng, minLat, maxLng, maxLat] = value as BBox;
  position([minLng, minLat]);
  position([maxLng, maxLat]);
  if (minLng >= maxLng || minLat >= maxLat) throw badInput('a BBox needs minLng < maxLng and minLat < maxLat');
  return value as BBox;
}

export const BBoxScalar = new GraphQLScalarType({
  name: 'BBox',
  description: 'A bounding box [minLng, minLat, maxLng, maxLat] in WGS84.',
  serialize: (value) => value,
  parseValue: validateBBox,
  parseLiteral: (ast) => validateBBox(literalToJs(ast)),
});
