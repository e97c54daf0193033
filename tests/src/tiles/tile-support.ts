import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

export interface DecodedFeature {
  id: number | undefined;
  type: number;
  properties: Record<string, string | number | boolean>;
  geometry: { x: number; y: number }[][];
}

/** Every layer of an MVT as plain features; no bytes is a tile without layers. */
export function decodeTile(bytes: Uint8Array): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new Pbf(bytes));
  return Object.fromEntries(Object.entries(tile.layers).map(([name, layer]) => [name,
    Array.from({ length: layer.length }, (_, i) => {
      const feature = layer.feature(i);
      return {
        id: feature.id,
        type: feature.type,
        properties: feature.properties as DecodedFeature['properties'],
        geometry: feature.loadGeometry().map((ring) => ring.map(({ x, y }) => ({ x, y }))),
      };
    })]));
}

/** The z/x/y of the tile holding a WGS84 point. */
export function tileAt(lng: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lng + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

/** The SQL of a tile's envelope in WGS84, for counting as the owner what a tile should hold. */
export const ENVELOPE_4326 = 'st_transform(st_tileenvelope($1, $2, $3), 4326)';
