import iconv from 'iconv-lite';
import JSZip from 'jszip';
import type { Point, Polygon, Position } from 'geojson';

/** One record of a test Shapefile: a point or a polygon and its attributes (text or numbers). */
export interface ShapeRecord {
  geometry: Point | Polygon | null;
  properties: Record<string, string | number>;
}

export interface ShapefileOptions {
  /** How attribute text and field names are encoded in the .dbf. */
  encoding: 'gbk' | 'utf-8';
  /** The .cpg's content; no .cpg when absent. */
  cpg?: string;
  /** The .prj's WKT; no .prj when absent. */
  prj?: string;
  name?: string;
}

// Shapefile record sizes are counted in 16-bit words; the main header is 100 bytes.
const HEADER = 100;

/** Twice the signed area of a ring; negative for a clockwise ring (x east, y north). */
const signedArea = (ring: Position[]) =>
  ring.slice(1).reduce((sum, p, i) => sum + (ring[i]![0]! * p[1]! - p[0]! * ring[i]![1]!), 0);

/** A Shapefile's outer rings run clockwise and its holes anticlockwise, unlike GeoJSON's. */
const shapefileRings = (polygon: Polygon) => polygon.coordinates.map((ring, i) => {
  const clockwise = signedArea(ring) < 0;
  return (i === 0) === clockwise ? ring : ring.slice().reverse();
});

function content(geometry: Point | Polygon | null): Buffer {
  if (!geometry) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(0, 0);
    return b;
  }
  if (geometry.type === 'Point') {
    const b = Buffer.alloc(20);
    b.writeInt32LE(1, 0);
    b.writeDoubleLE(geometry.coordinates[0]!, 4);
    b.writeDoubleLE(geometry.coordinates[1]!, 12);
    return b;
  }
  const rings = shapefileRings(geometry);
  const points = rings.flat();
  const b = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
  b.writeInt32LE(5, 0);
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => b.writeDoubleLE(v, 4 + 8 * i));
  b.writeInt32LE(rings.length, 36);
  b.writeInt32LE(points.length, 40);
  let start = 0;
  rings.forEach((ring, i) => { b.writeInt32LE(start, 44 + 4 * i); start += ring.length; });
  points.forEach((p, i) => {
    b.writeDoubleLE(p[0]!, 44 + 4 * rings.length + 16 * i);
    b.writeDoubleLE(p[1]!, 52 + 4 * rings.length + 16 * i);
  });
  return b;
}

function header(shapeType: number, words: number): Buffer {
  const b = Buffer.alloc(HEADER);
  b.writeInt32BE(9994, 0);
  b.writeInt32BE(words, 24);
  b.writeInt32LE(1000, 28);
  b.writeInt32LE(shapeType, 32);
  return b;
}

function dbf(records: ShapeRecord[], encode: (text: string) => Buffer): Buffer {
  const names = [...new Set(records.flatMap((r) => Object.keys(r.properties)))];
  const fields = names.map((name) => {
    const numeric = records.every((r) => typeof (r.properties[name] ?? 0) === 'number');
    const length = numeric ? 18 : Math.max(1, ...records.map((r) => encode(String(r.properties[name] ?? '')).length));
    return { name, numeric, length };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, f) => sum + f.length, 0);
  const b = Buffer.alloc(headerLength + recordLength * records.length + 1, 0x20);
  b.fill(0, 0, headerLength);
  b.writeUInt8(0x03, 0);
  b.writeUInt8(126, 1); b.writeUInt8(1, 2); b.writeUInt8(1, 3);
  b.writeUInt32LE(records.length, 4);
  b.writeUInt16LE(headerLength, 8);
  b.writeUInt16LE(recordLength, 10);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    encode(f.name).copy(b, at, 0, 10);
    b.write(f.numeric ? 'N' : 'C', at + 11, 'latin1');
    b.writeUInt8(f.length, at + 16);
    b.writeUInt8(f.numeric ? 6 : 0, at + 17);
  });
  b.writeUInt8(0x0d, headerLength - 1);
  records.forEach((r, n) => {
    let at = headerLength + n * recordLength + 1;
    for (const f of fields) {
      const value = r.properties[f.name];
      const text = value === undefined ? Buffer.alloc(0)
        : f.numeric ? Buffer.from((value as number).toFixed(6).padStart(f.length), 'latin1') : encode(String(value));
      text.copy(b, at);
      at += f.length;
    }
  });
  b.writeUInt8(0x1a, b.length - 1);
  return b;
}

/**
 * A zipped Shapefile (.shp, .shx, .dbf, and .cpg/.prj when given) written byte by byte after
 * the ESRI specification, so the reader is tested against the format, not against a library
 * that shares its assumptions. All records are points or all polygons (null shapes allowed).
 */
export async function zippedShapefile(records: ShapeRecord[], options: ShapefileOptions): Promise<Buffer> {
  const shapeType = records.some((r) => r.geometry?.type === 'Polygon') ? 5 : 1;
  const contents = records.map((r) => content(r.geometry));
  const shpWords = (HEADER + contents.reduce((sum, c) => sum + 8 + c.length, 0)) / 2;
  const shp = [header(shapeType, shpWords)];
  const shx = [header(shapeType, (HEADER + 8 * records.length) / 2)];
  let offset = HEADER;
  contents.forEach((c, i) => {
    const recordHeader = Buffer.alloc(8);
    recordHeader.writeInt32BE(i + 1, 0);
    recordHeader.writeInt32BE(c.length / 2, 4);
    shp.push(recordHeader, c);
    const index = Buffer.alloc(8);
    index.writeInt32BE(offset / 2, 0);
    index.writeInt32BE(c.length / 2, 4);
    shx.push(index);
    offset += 8 + c.length;
  });
  const encode = (text: string) => (options.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
  const name = options.name ?? 'layer';
  const zip = new JSZip();
  zip.file(`${name}.shp`, Buffer.concat(shp));
  zip.file(`${name}.shx`, Buffer.concat(shx));
  zip.file(`${name}.dbf`, dbf(records, encode));
  if (options.cpg !== undefined) zip.file(`${name}.cpg`, options.cpg);
  if (options.prj !== undefined) zip.file(`${name}.prj`, options.prj);
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** .prj texts as ArcGIS writes them. */
export const PRJ = {
  WGS84: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  CGCS2000: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  CGCS2000_GK_CM_111E: 'PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
} as const;
