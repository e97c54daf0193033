import type { Point, Polygon } from 'geojson';
import { geometryToWgs84, ImportFileError, readSpatialFile, toWgs84 } from '@risk/api/import/spatial-file';
import { gcj02ToBd09, metresBetween, wgs84ToGcj02 } from '../support/china-offsets';
import { PRJ, zippedShapefile, type ShapeRecord } from '../support/shapefile';

// Two towns of 赫山区 as squares, and a point with an empty geometry.
const square = (lng: number, lat: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + 0.1, lat], [lng + 0.1, lat + 0.1], [lng, lat + 0.1], [lng, lat]]],
});
const TOWNS: ShapeRecord[] = [
  { geometry: square(112.3, 28.5), properties: { 名称: '龙光桥街道', 代码: '430903004', 面积: 12.5 } },
  { geometry: square(112.4, 28.5), properties: { 名称: '泉交河镇', 代码: '430903102', 面积: 99.25 } },
  { geometry: null, properties: { 名称: '无图形', 代码: '430903999' } },
];

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportFileError);
  return (error as Error).message;
};

describe('a zipped Shapefile', () => {
  it('with GBK attribute text and no .cpg is read as GB18030: Chinese field names, town names, numbers and rings come out right', async () => {
    const file = await readSpatialFile(await zippedShapefile(TOWNS, { encoding: 'gbk' }), '乡镇.zip');
    expect(file.fields).toEqual(['名称', '代码', '面积']);
    expect(file.records.map((r) => [r.rowNumber, r.properties['名称'], r.properties['代码']])).toEqual([
      [1, '龙光桥街道', '430903004'], [2, '泉交河镇', '430903102'], [3, '无图形', '430903999'],
    ]);
    expect(file.records[1]!.properties['面积']).toBe(99.25);
    expect(file.records[2]!.properties['面积']).toBeNull();
    expect(file.records[2]!.geometry).toBeNull();
    expect(file.declaredCrs).toBeUndefined();
    const polygon = file.records[0]!.geometry as Polygon;
    expect(polygon.type).toBe('Polygon');
    const corners = polygon.coordinates[0]!.map(([x, y]) => `${x!.toFixed(6)},${y!.toFixed(6)}`).sort();
    expect(new Set(corners)).toEqual(new Set(['112.300000,28.500000', '112.400000,28.500000', '112.400000,28.600000', '112.300000,28.600000']));
  });

  it('follows its .cpg (GBK), and reads UTF-8 text without one', async () => {
    const withCpg = await readSpatialFile(await zippedShapefile(TOWNS, { encoding: 'gbk', cpg: 'GBK' }), 'a.zip');
    expect(withCpg.records[0]!.properties['名称']).toBe('龙光桥街道');
    const utf8 = await readSpatialFile(await zippedShapefile(TOWNS, { encoding: 'utf-8' }), 'b.ZIP');
    expect(utf8.records.map((r) => r.properties['名称'])).toEqual(['龙光桥街道', '泉交河镇', '无图形']);
  });

  it('reads points', async () => {
    const point: Point = { type: 'Point', coordinates: [112.355, 28.554] };
    const file = await readSpatialFile(await zippedShapefile([{ geometry: point, properties: { 企业: '益阳某厂' } }], { encoding: 'gbk' }), 'p.zip');
    expect(file.records[0]!.geometry).toEqual(point);
    expect(file.records[0]!.properties['企业']).toBe('益阳某厂');
  });

  it('names its geographic CRS from the .prj (WGS84, CGCS2000)', async () => {
    expect((await readSpatialFile(await zippedShapefile(TOWNS, { encoding: 'gbk', prj: PRJ.WGS84 }), 'w.zip')).declaredCrs).toBe('WGS84');
    expect((await readSpatialFile(await zippedShapefile(TOWNS, { encoding: 'gbk', prj: PRJ.CGCS2000 }), 'c.zip')).declaredCrs).toBe('CGCS2000');
  });

  it('in a projected CRS (Gauss-Kruger) is refused with a Chinese reason naming it', async () => {
    const message = await rejection(readSpatialFile(await zippedShapefile(TOWNS, { encoding: 'gbk', prj: PRJ.CGCS2000_GK_CM_111E }), 'gk.zip'));
    expect(message).toContain('CGCS2000_3_Degree_GK_CM_111E');
    expect(message).toContain('投影坐标系');
  });

  it('whose coordinates are metres (a projected file without .prj) is refused', async () => {
    const metres = [{ geometry: { type: 'Point', coordinates: [37_512_345.6, 3_160_000.2] } as Point, properties: { 名称: '某点' } }];
    expect(await rejection(readSpatialFile(await zippedShapefile(metres, { encoding: 'gbk' }), 'm.zip'))).toContain('不是经纬度');
  });

  it('that is not a zip, or a zip without a .shp or .dbf, is refused with a Chinese reason', async () => {
    expect(await rejection(readSpatialFile(Buffer.from('not a zip'), 'x.zip'))).toContain('压缩包无法打开');
    const JSZip = (await import('jszip')).default;
    const noShp = new JSZip();
    noShp.file('readme.txt', 'hello');
    expect(await rejection(readSpatialFile(await noShp.generateAsync({ type: 'nodebuffer' }), 'y.zip'))).toContain('没有 .shp');
    const full = await JSZip.loadAsync(await zippedShapefile(TOWNS, { encoding: 'gbk' }));
    full.remove('layer.dbf');
    expect(await rejection(readSpatialFile(await full.generateAsync({ type: 'nodebuffer' }), 'z.zip'))).toContain('.dbf');
    expect(await rejection(readSpatialFile(Buffer.from('a,b'), 'x.csv'))).toContain('不支持的文件类型');
  });
});

describe('a GeoJSON file', () => {
  it('gives its features as records with their properties, fields in order of first use, and its declared CGCS2000 crs', async () => {
    const json = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      features: [
        { type: 'Feature', properties: { name: '甲', code: 1 }, geometry: { type: 'Point', coordinates: [112.3, 28.5] } },
        { type: 'Feature', properties: { name: '乙', extra: { a: 1 } }, geometry: null },
      ],
    };
    const file = await readSpatialFile(Buffer.from(`\uFEFF${JSON.stringify(json)}`), 'points.geojson');
    expect(file.fields).toEqual(['name', 'code', 'extra']);
    expect(file.declaredCrs).toBe('CGCS2000');
    expect(file.records).toEqual([
      { rowNumber: 1, properties: { name: '甲', code: 1 }, geometry: { type: 'Point', coordinates: [112.3, 28.5] } },
      { rowNumber: 2, properties: { name: '乙', extra: '{"a":1}' }, geometry: null },
    ]);
  });

  it('that is not JSON or not GeoJSON is refused with a Chinese reason', async () => {
    expect(await rejection(readSpatialFile(Buffer.from('{'), 'a.json'))).toContain('JSON 格式错误');
    expect(await rejection(readSpatialFile(Buffer.from('{"type":"Topology"}'), 'a.json'))).toContain('不是 GeoJSON');
  });
});

describe('coordinates from Amap (GCJ-02) and Baidu (BD-09)', () => {
  // WGS84 positions: 天安门 (the published survey position) and a point in the centre of 益阳.
  const PLACES: Array<[string, [number, number]]> = [['天安门', [116.391349, 39.907375]], ['益阳市区', [112.355042, 28.553914]]];

  it.each(PLACES)('of %s land within 5 m of its WGS84 position', (_name, wgs84) => {
    const gcj02 = wgs84ToGcj02(wgs84);
    const bd09 = gcj02ToBd09(gcj02);
    // The offsets are hundreds of metres: the conversion has something to undo.
    expect(metresBetween(gcj02, wgs84)).toBeGreaterThan(100);
    expect(metresBetween(bd09, wgs84)).toBeGreaterThan(500);
    expect(metresBetween(toWgs84(gcj02, 'GCJ02'), wgs84)).toBeLessThan(5);
    expect(metresBetween(toWgs84(bd09, 'BD09'), wgs84)).toBeLessThan(5);
  });

  it('match the pairs published with wandergis/coordtransform within 5 m', () => {
    // wgs84togcj02(116.404, 39.915) and gcj02tobd09(116.404, 39.915) in its README.
    expect(metresBetween(toWgs84([116.41024449916938, 39.91640428150164], 'GCJ02'), [116.404, 39.915])).toBeLessThan(5);
    expect(metresBetween(toWgs84([116.41036949371029, 39.92133699351021], 'BD09'), toWgs84([116.404, 39.915], 'GCJ02'))).toBeLessThan(5);
  });

  it('are converted in every position of a geometry; WGS84 and CGCS2000 are kept as they are', () => {
    const [lng, lat] = wgs84ToGcj02([116.391349, 39.907375]);
    const polygon: Polygon = { type: 'Polygon', coordinates: [[[lng, lat], [lng + 0.01, lat], [lng, lat + 0.01], [lng, lat]]] };
    const converted = geometryToWgs84(polygon, 'GCJ02');
    expect(converted.type).toBe('Polygon');
    expect(converted.coordinates[0]).toHaveLength(4);
    expect(metresBetween(converted.coordinates[0]![0] as [number, number], [116.391349, 39.907375])).toBeLessThan(5);
    expect(geometryToWgs84(polygon, 'CGCS2000')).toEqual(polygon);
    expect(toWgs84([112.3, 28.5], 'WGS84')).toEqual([112.3, 28.5]);
  });
});
