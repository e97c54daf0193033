import type { Geometry, Position } from 'geojson';
import gcoord from 'gcoord';
import JSZip from 'jszip';
import { openShp } from 'shapefile';
import { readDbf } from './dbf';
import { ImportFileError, type SourceCrs } from './file-error';
import { crsOfPrj } from './prj';

export { ImportFileError, type SourceCrs };

const GCOORD_CRS = { GCJ02: gcoord.GCJ02, BD09: gcoord.BD09 } as const;

/**
 * Converts one lng/lat position to WGS84 (gcoord). CGCS2000 is treated as WGS84: the two
 * ellipsoids and frames differ by centimetres, far below what a ledger's position means.
 */
export function toWgs84(position: [number, number], crs: SourceCrs): [number, number] {
  if (crs === 'WGS84' || crs === 'CGCS2000') return [position[0], position[1]];
  const [lng, lat] = gcoord.transform([position[0], position[1]], GCOORD_CRS[crs], gcoord.WGS84) as [number, number];
  return [lng, lat];
}

const mapPosition = (position: Position, crs: SourceCrs): Position => {
  const [lng, lat] = toWgs84([position[0], position[1]], crs);
  // A third value (height) is kept as it is: the offsets are horizontal.
  return position.length > 2 ? [lng, lat, ...position.slice(2)] : [lng, lat];
};

/** Converts every position of a GeoJSON geometry to WGS84; the geometry's type and shape are kept. */
export function geometryToWgs84<G extends Geometry>(geometry: G, crs: SourceCrs): G {
  if (crs === 'WGS84' || crs === 'CGCS2000') return geometry;
  const g = geometry as Geometry;
  switch (g.type) {
    case 'Point': return { ...g, coordinates: mapPosition(g.coordinates, crs) } as G;
    case 'MultiPoint':
    case 'LineString': return { ...g, coordinates: g.coordinates.map((p) => mapPosition(p, crs)) } as G;
    case 'MultiLineString':
    case 'Polygon': return { ...g, coordinates: g.coordinates.map((line) => line.map((p) => mapPosition(p, crs))) } as G;
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((polygon) => polygon.map((ring) => ring.map((p) => mapPosition(p, crs)))) } as G;
    case 'GeometryCollection': return { ...g, geometries: g.geometries.map((part) => geometryToWgs84(part, crs)) } as G;
  }
}

export interface SpatialRecord {
  /** 1-based record number in the file (GeoJSON feature index + 1, Shapefile record number). */
  rowNumber: number;
  /** Attribute values as read (text decoded: .cpg, else GBK/GB18030 when not valid UTF-8). */
  properties: Record<string, string | number | boolean | null>;
  /** Geometry in the file's own coordinates, lng/lat; null when the record has none. */
  geometry: Geometry | null;
}

export interface SpatialFile {
  records: SpatialRecord[];
  /** Attribute names, in file order. */
  fields: string[];
  /** The CRS the .prj names when it names one we know (WGS84/CGCS2000 geographic); else undefined. A projected .prj is refused with a clear error. */
  declaredCrs?: SourceCrs;
}

/**
 * Reads a GeoJSON (.geojson/.json) or zipped Shapefile (.zip with .shp/.shx/.dbf, optional
 * .prj/.cpg). Throws ImportFileError (message in Chinese) for anything unreadable, including
 * coordinates that are not longitude/latitude (a projected file without its .prj).
 */
export async function readSpatialFile(bytes: Buffer, fileName: string): Promise<SpatialFile> {
  const extension = (fileName.toLowerCase().match(/\.([a-z0-9]+)$/) ?? [])[1];
  let file: SpatialFile;
  if (extension === 'geojson' || extension === 'json') file = readGeoJson(bytes);
  else if (extension === 'zip') file = await readZippedShapefile(bytes);
  else throw new ImportFileError(`不支持的文件类型“${fileName}”：请上传 GeoJSON（.geojson/.json）或压缩的 Shapefile（.zip）`);
  for (const record of file.records) {
    if (record.geometry && !inLngLatRange(record.geometry)) {
      throw new ImportFileError(`第 ${record.rowNumber} 条记录的坐标不是经纬度（超出 ±180°/±90°），可能是投影坐标：请先转换为 WGS84 或 CGCS2000 经纬度后再导入`);
    }
  }
  return file;
}

function inLngLatRange(geometry: Geometry): boolean {
  const ok = (p: Position) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
  switch (geometry.type) {
    case 'Point': return ok(geometry.coordinates);
    case 'MultiPoint':
    case 'LineString': return geometry.coordinates.every(ok);
    case 'MultiLineString':
    case 'Polygon': return geometry.coordinates.every((line) => line.every(ok));
    case 'MultiPolygon': return geometry.coordinates.every((polygon) => polygon.every((ring) => ring.every(ok)));
    case 'GeometryCollection': return geometry.geometries.every(inLngLatRange);
  }
}

type Value = string | number | boolean | null;
const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Attribute values as the contract has them: nested objects and arrays become their JSON text. */
const scalar = (value: unknown): Value => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
};

function readGeoJson(bytes: Buffer): SpatialFile {
  let json: unknown;
  try {
    // A BOM is what Windows tools write before UTF-8 text; JSON.parse refuses it.
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportFileError('文件不是有效的 GeoJSON：JSON 格式错误');
  }
  const object = json as { type?: unknown; features?: unknown; crs?: unknown };
  const features: unknown[] = object?.type === 'FeatureCollection' && Array.isArray(object.features) ? object.features
    : object?.type === 'Feature' ? [object]
    : typeof object?.type === 'string' && GEOMETRY_TYPES.has(object.type) ? [{ type: 'Feature', properties: {}, geometry: object }]
    : [];
  if (features.length === 0 && object?.type !== 'FeatureCollection') {
    throw new ImportFileError('文件不是 GeoJSON：应为 FeatureCollection、Feature 或几何对象');
  }
  const fields: string[] = [];
  const seen = new Set<string>();
  const records = features.map((raw, index): SpatialRecord => {
    const feature = raw as { type?: unknown; properties?: unknown; geometry?: unknown };
    if (feature?.type !== 'Feature') throw new ImportFileError(`第 ${index + 1} 个要素不是 Feature`);
    const geometry = feature.geometry as Geometry | null | undefined;
    if (geometry != null && !(typeof geometry === 'object' && GEOMETRY_TYPES.has(geometry.type))) {
      throw new ImportFileError(`第 ${index + 1} 个要素的几何对象无效`);
    }
    const properties: Record<string, Value> = {};
    for (const [name, value] of Object.entries((feature.properties ?? {}) as Record<string, unknown>)) {
      properties[name] = scalar(value);
      if (!seen.has(name)) { seen.add(name); fields.push(name); }
    }
    return { rowNumber: index + 1, properties, geometry: geometry ?? null };
  });
  return { records, fields, declaredCrs: crsOfGeoJson(object.crs) };
}

/**
 * The 2008 GeoJSON `crs` member, which Chinese GIS tools still write: EPSG:4490 is CGCS2000,
 * EPSG:4326 and CRS84 are WGS84. A projected EPSG code is refused like a projected .prj.
 */
function crsOfGeoJson(crs: unknown): SourceCrs | undefined {
  const name = (crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return undefined;
  const code = name.match(/EPSG:{1,2}(\d+)$/i)?.[1];
  if (/CRS84$/i.test(name) || code === '4326') return 'WGS84';
  if (code === '4490') return 'CGCS2000';
  // CGCS2000 Gauss-Kruger zones (4491-4554) and Web Mercator: metres, not degrees.
  if (code && ((Number(code) >= 4491 && Number(code) <= 4554) || code === '3857' || code === '900913')) {
    throw new ImportFileError(`文件声明的坐标系 ${name} 是投影坐标系（单位为米）：请先转换为 WGS84 或 CGCS2000 经纬度后再导入`);
  }
  return undefined;
}

async function readZippedShapefile(bytes: Buffer): Promise<SpatialFile> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new ImportFileError('压缩包无法打开：请上传 .zip 格式的 Shapefile 压缩包');
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir && !/(^|\/)(__MACOSX|\.)/.test(entry.name));
  const shps = entries.filter((entry) => /\.shp$/i.test(entry.name));
  if (shps.length === 0) throw new ImportFileError('压缩包中没有 .shp 文件');
  if (shps.length > 1) throw new ImportFileError(`压缩包中有 ${shps.length} 个 .shp 文件：一次只能导入一个图层`);
  const base = shps[0].name.slice(0, -4).toLowerCase();
  const part = (extension: string) => entries.find((entry) => entry.name.toLowerCase() === `${base}.${extension}`);
  const dbfEntry = part('dbf');
  if (!dbfEntry) throw new ImportFileError('压缩包中缺少与 .shp 同名的 .dbf 属性文件');
  const [shp, dbf, prj, cpg] = await Promise.all([
    shps[0].async('nodebuffer'), dbfEntry.async('nodebuffer'), part('prj')?.async('string'), part('cpg')?.async('string'),
  ]);
  const declaredCrs = prj === undefined ? undefined : crsOfPrj(prj);
  const table = readDbf(dbf, cpg);
  const geometries = await readShp(shp);
  if (geometries.length !== table.rows.length) {
    throw new ImportFileError(`.shp 有 ${geometries.length} 条记录而 .dbf 有 ${table.rows.length} 条：文件不完整或不匹配`);
  }
  const records = geometries.map((geometry, index) => ({ rowNumber: index + 1, properties: table.rows[index], geometry }));
  return { records, fields: table.fields, declaredCrs };
}

/** The geometries of a .shp, in record order (null for a null shape). */
async function readShp(shp: Buffer): Promise<(Geometry | null)[]> {
  const geometries: (Geometry | null)[] = [];
  try {
    const source = await openShp(new Uint8Array(shp.buffer, shp.byteOffset, shp.byteLength));
    for (let next = await source.read(); !next.done; next = await source.read()) geometries.push(next.value as Geometry | null);
  } catch {
    throw new ImportFileError('.shp 文件已损坏或不是 Shapefile');
  }
  return geometries;
}
