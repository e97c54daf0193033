import { ImportFileError, type SourceCrs } from './file-error';

/**
 * The coordinate system a Shapefile's .prj (ESRI WKT) names: CGCS2000 or WGS84 longitude and
 * latitude; undefined for another geographic system (the user's declared CRS then applies).
 * A projected system (Gauss-Kruger zones, Web Mercator: metres, not degrees) is refused, since
 * converting it would need the projection's parameters, which the import does not handle.
 */
export function crsOfPrj(prj: string): SourceCrs | undefined {
  const wkt = prj.trim();
  if (/^\s*PROJ(CS|CRS|ECTEDCRS)\s*\[/i.test(wkt)) {
    const name = wkt.match(/^\s*\w+\s*\[\s*"([^"]*)"/)?.[1] ?? '';
    throw new ImportFileError(`Shapefile 的坐标系${name ? `“${name}”` : ''}是投影坐标系（单位为米），无法直接导入：请先在 GIS 软件中转换为 WGS84 或 CGCS2000 经纬度（地理坐标系）后再导入`);
  }
  if (!/^\s*(GEOGCS|GEOGCRS|GEODCRS)\s*\[/i.test(wkt)) return undefined;
  const datum = wkt.match(/DATUM\s*\[\s*"([^"]*)"/i)?.[1] ?? wkt;
  if (/2000/.test(datum) && /(China|CGCS)/i.test(datum)) return 'CGCS2000';
  if (/WGS[\s_]*(19)?84/i.test(datum)) return 'WGS84';
  return undefined;
}
