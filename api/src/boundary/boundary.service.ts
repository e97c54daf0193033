import type { MultiPolygon, Polygon } from 'geojson';
import { badInput } from '../common/errors';
import type { RequestDb } from '../common/request-db';
import { geometryToWgs84, type SourceCrs, type SpatialFile } from '../import/spatial-file';
import { matchRecords, type KnownUnit } from './boundary.match';

export type BoundaryLevel = 'county' | 'town';

/** One record of the file as the import sees it. */
export interface BoundaryUnitReport {
  row: number;
  status: 'MATCHED' | 'UNMATCHED' | 'INVALID';
  code: string | null;
  name: string | null;
  by: 'code' | 'name' | null;
  /** Why a record is unmatched or invalid (Chinese). */
  reason: string | null;
  areaM2: number | null;
  /** Area shared with the unit's siblings (their imported or current boundaries). */
  overlapM2: number | null;
  /** Area lying outside the unit's parent. */
  outsideParentM2: number | null;
}

/** A parent unit whose children the file replaces: what of it the children leave uncovered. */
export interface BoundaryParentReport {
  code: string;
  name: string;
  areaM2: number;
  gapM2: number;
}

export interface BoundaryReport {
  level: BoundaryLevel;
  crs: SourceCrs;
  confirmed: boolean;
  records: number;
  matched: number;
  unmatched: number;
  invalid: number;
  units: BoundaryUnitReport[];
  parents: BoundaryParentReport[];
  /** Points that would lie (dry run) or lie (confirmed) outside their own unit's new boundary; they are not moved. */
  outside: { enterprises: number; hazards: number };
  /** Units whose boundary was replaced (confirmed) or would be. */
  replaced: number;
}

// Overlay operations snap to a grid of 1e-9 degree (0.1 mm): the embedded PostGIS (GEOS 3.14
// in WASM) loses a whole result set, without an error, when its floating-point overlay of
// two of the demo's boundaries fails; the fixed-precision overlay does not fail.
const GRID = '1e-9';

// The new boundaries as a relation: the matched records' codes and converted geometries,
// passed as two arrays (the api role may not create temporary tables).
const NEW_BOUNDARIES = `
  new_boundaries as (
    select n.code, st_multi(st_setsrid(st_geomfromgeojson(n.geojson), 4326)) as g
      from unnest($1::text[], $2::text[]) as n (code, geojson))`;

const CHECK_VALIDITY = `
  select n.code, st_isvalid(n.g) as valid, st_isvalidreason(n.g) as reason
    from (select n.code, st_setsrid(st_geomfromgeojson(n.geojson), 4326) as g
            from unnest($1::text[], $2::text[]) as n (code, geojson)) n`;

// Every sibling of an imported unit (same parent, same level) with the boundary it would
// have: the imported one, else its current one.
const SIBLINGS = `${NEW_BOUNDARIES},
  siblings as (
    select j.code, j.parent_code, coalesce(n.g, j.boundary) as g, n.code is not null as imported
      from jurisdictions j left join new_boundaries n on n.code = j.code
     where j.level = $3::jurisdiction_level
       and j.parent_code in (select p.parent_code from jurisdictions p join new_boundaries n on n.code = p.code))`;

const MEASURE_UNITS = `with ${SIBLINGS}
  select a.code,
         st_area(a.g::geography) as area_m2,
         coalesce((select sum(st_area(st_intersection(a.g, b.g, ${GRID})::geography)) from siblings b
                    where b.parent_code = a.parent_code and b.code <> a.code and b.g && a.g and st_intersects(a.g, b.g)), 0) as overlap_m2,
         coalesce(st_area(st_difference(a.g, p.boundary, ${GRID})::geography), 0) as outside_m2
    from siblings a join jurisdictions p on p.code = a.parent_code
   where a.imported`;

const MEASURE_PARENTS = `with ${SIBLINGS}
  select p.code, p.name, st_area(p.boundary::geography) as area_m2,
         coalesce(st_area(st_difference(p.boundary, st_union(s.g, ${GRID}), ${GRID})::geography), 0) as gap_m2
    from siblings s join jurisdictions p on p.code = s.parent_code
   group by p.code, p.name, p.boundary
   order by p.code`;

// A town's points lie in its 9-digit code, a county's in the codes that start with its own.
const COUNT_OUTSIDE = `with ${NEW_BOUNDARIES}
  select (select count(*) from enterprises e join new_boundaries n on e.town_code like n.code || '%' where not st_covers(n.g, e.location))::int as enterprises,
         (select count(*) from hazards h join new_boundaries n on h.town_code like n.code || '%' where not st_covers(n.g, h.location))::int as hazards`;

const REPLACE = `with ${NEW_BOUNDARIES}
  update jurisdictions j set boundary = n.g, synthetic_boundary = false, boundary_imported_at = now()
    from new_boundaries n where j.code = n.code`;

// After counties change, the city is their union, so that the map's outline and the
// public report map follow.
const REDRAW_CITY = `
  update jurisdictions c set boundary = u.g
    from (select parent_code, st_multi(st_union(boundary, ${GRID})) as g from jurisdictions
           where level = 'county' and boundary is not null group by parent_code) u
   where c.code = u.parent_code and c.level = 'city' and st_isvalid(u.g)`;

/** Whether every ring has four positions or more and ends where it starts (else PostGIS refuses to read it). */
function ringsClosed(geometry: Polygon | MultiPolygon): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.every((rings) => rings.length > 0 && rings.every((ring) => ring.length >= 4
    && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1]));
}

/**
 * Checks a file of county or town boundaries against the deployment's units and, when
 * `confirm`, replaces the matched ones in the caller's transaction (all or nothing): a file
 * with an invalid polygon among the matched records is refused. Unmatched records (another
 * city's units in a province-wide layer) are reported and skipped.
 */
export async function importBoundaries(db: RequestDb, file: SpatialFile, level: BoundaryLevel, crs: SourceCrs, confirm: boolean): Promise<BoundaryReport> {
  const known = await db.query<{ code: string; name: string; parent_code: string; parent_name: string }>(
    `select j.code, j.name, j.parent_code, p.name as parent_name
       from jurisdictions j join jurisdictions p on p.code = j.parent_code
      where j.level = $1::jurisdiction_level order by j.code`, [level]);
  if (known.length === 0) throw badInput(`there are no ${level} units to import boundaries for`, 'level');
  const units: KnownUnit[] = known.map((u) => ({ code: u.code, name: u.name, parentCode: u.parent_code, parentName: u.parent_name }));
  const matches = matchRecords(file.records, units, level);

  const report: BoundaryUnitReport[] = matches.map((m) => ({ ...m, areaM2: null, overlapM2: null, outsideParentM2: null }));
  const candidates: Array<{ unit: BoundaryUnitReport; geojson: string }> = [];
  file.records.forEach((record, i) => {
    const unit = report[i]!;
    if (unit.status !== 'MATCHED') return;
    if (!record.geometry || (record.geometry.type !== 'Polygon' && record.geometry.type !== 'MultiPolygon')) {
      Object.assign(unit, { status: 'INVALID', reason: `几何类型应为面（Polygon/MultiPolygon），实为 ${record.geometry?.type ?? '空'}` });
      return;
    }
    if (!ringsClosed(record.geometry)) {
      Object.assign(unit, { status: 'INVALID', reason: '几何无效：有的环不足 4 个点或首尾点不重合' });
      return;
    }
    candidates.push({ unit, geojson: JSON.stringify(geometryToWgs84(record.geometry, crs)) });
  });
  if (candidates.length > 0) {
    const checks = await db.query<{ code: string; valid: boolean; reason: string }>(CHECK_VALIDITY,
      [candidates.map((c) => c.unit.code), candidates.map((c) => c.geojson)]);
    const byCode = new Map(checks.map((c) => [c.code, c]));
    for (const c of candidates) {
      const check = byCode.get(c.unit.code!)!;
      if (!check.valid) Object.assign(c.unit, { status: 'INVALID', reason: `几何无效：${check.reason}` });
    }
  }
  const valid = candidates.filter((c) => c.unit.status === 'MATCHED');
  const args = [valid.map((c) => c.unit.code), valid.map((c) => c.geojson)];
  let parents: BoundaryParentReport[] = [];
  let outside = { enterprises: 0, hazards: 0 };
  if (valid.length > 0) {
    const measures = await db.query<{ code: string; area_m2: number; overlap_m2: number; outside_m2: number }>(MEASURE_UNITS, [...args, level]);
    const byCode = new Map(measures.map((m) => [m.code, m]));
    for (const c of valid) {
      const m = byCode.get(c.unit.code!)!;
      Object.assign(c.unit, { areaM2: Math.round(m.area_m2), overlapM2: Math.round(m.overlap_m2), outsideParentM2: Math.round(m.outside_m2) });
    }
    parents = (await db.query<{ code: string; name: string; area_m2: number; gap_m2: number }>(MEASURE_PARENTS, [...args, level]))
      .map((p) => ({ code: p.code, name: p.name, areaM2: Math.round(p.area_m2), gapM2: Math.round(p.gap_m2) }));
    [outside] = await db.query<{ enterprises: number; hazards: number }>(COUNT_OUTSIDE, args) as [typeof outside];
  }
  const invalid = report.filter((u) => u.status === 'INVALID').length;
  if (confirm) {
    if (invalid > 0) throw badInput(`${invalid} matched record(s) have an invalid polygon: nothing was imported; fix them and send the file again`, 'file');
    if (valid.length === 0) throw badInput('no record of the file matches a unit: nothing to import', 'file');
    await db.query(REPLACE, args);
    if (level === 'county') await db.query(REDRAW_CITY);
  }
  return {
    level, crs, confirmed: confirm, records: report.length,
    matched: valid.length, unmatched: report.filter((u) => u.status === 'UNMATCHED').length, invalid,
    units: report, parents, outside, replaced: valid.length,
  };
}
