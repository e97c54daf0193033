// vt-pbf 3 ships no types, and @types/vt-pbf describes fromVectorTileJs with geojson-vt's
// tile type. This is the part tiles use: the vector-tile-js interface its writer reads
// (vt-pbf/index.js, writeLayer and writeFeature).
declare module 'vt-pbf' {
  export interface VectorTileFeature {
    id?: number;
    /** 1 point, 2 line string, 3 polygon. */
    type: number;
    properties: Record<string, string | number | boolean | null>;
    loadGeometry(): { x: number; y: number }[][];
  }

  export interface VectorTileLayer {
    version: number;
    name: string;
    extent: number;
    length: number;
    feature(index: number): VectorTileFeature;
  }

  /** The protobuf bytes of a tile. */
  export function fromVectorTileJs(tile: { layers: Record<string, VectorTileLayer> }): Uint8Array;
}
