import type { Geometry, Position } from 'geojson';
import { fromVectorTileJs } from 'vt-pbf';
import { EXTENT, type MvtGeometryType } from './tiles.sql';

// Encodes tiles where PostGIS has no protobuf support (the embedded PGlite). The SQL has
// already done what ST_AsMVTGeom does (clip, scale to tile units, snap, wind rings), so this
// only writes the protobuf. vt-pbf 3 is Mapbox's encoder behind geojson-vt and supercluster;
// it is used over @maplibre/vt-pbf 4 because that fork ships as ES modules only, which the
// CommonJS api and its jest tests cannot load.

/** One feature as the tile statement returns it with `node` encoding. */
export interface TileFeatureRow {
  id: number | null;
  properties: Record<string, string | number | boolean | null>;
  /** GeoJSON in tile units (integers). */
  geometry: string;
}

interface Point {
  x: number;
  y: number;
}

const points = (positions: Position[]): Point[] => positions.map(([x, y]) => ({ x: x!, y: y! }));

/**
 * The geometry as vt-pbf wants it: for points one list of all points (one MoveTo with a
 * count), for lines one list per line, for polygons every ring of every polygon in order
 * (MVT tells exterior from interior rings by their winding).
 */
function rings(geometry: Geometry): Point[][] {
  switch (geometry.type) {
    case 'Point':
      return [points([geometry.coordinates])];
    case 'MultiPoint':
      return [points(geometry.coordinates)];
    case 'LineString':
      return [points(geometry.coordinates)];
    case 'MultiLineString':
      return geometry.coordinates.map(points);
    case 'Polygon':
      return geometry.coordinates.map(points);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((polygon) => polygon.map(points));
    case 'GeometryCollection':
      throw new Error('tile geometries are extracted to one dimension in SQL');
  }
}

/** The MVT bytes of one layer; no bytes at all for no features, as ST_AsMVT answers. */
export function encodeTile(layerName: string, type: MvtGeometryType, rows: TileFeatureRow[]): Uint8Array {
  if (rows.length === 0) return new Uint8Array(0);
  const features = rows.map((row) => ({
    ...(row.id === null ? {} : { id: row.id }),
    type,
    properties: row.properties,
    loadGeometry: () => rings(JSON.parse(row.geometry) as Geometry),
  }));
  return fromVectorTileJs({
    layers: {
      [layerName]: {
        version: 2,
        name: layerName,
        extent: EXTENT,
        length: features.length,
        feature: (i: number) => features[i]!,
      },
    },
  });
}
