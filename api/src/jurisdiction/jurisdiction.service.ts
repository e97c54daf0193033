import { byKey } from '../common/batch';
import type { Context } from '../common/context';
import type { RequestDb } from '../common/request-db';
import type { Jurisdiction, JurisdictionLevel, ServiceArea } from './jurisdiction.type';

interface JurisdictionRow {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parent_code: string | null;
  boundary: string | null;
  synthetic_boundary: boolean;
  boundary_imported_at: Date | null;
  label_lng: number | null;
  label_lat: number | null;
}

// Boundaries are rounded to 6 decimals (~0.1 m): the source is far coarser, and it halves the payload.
const selectJurisdictions = `
  select code, name, level, parent_code, st_asgeojson(boundary, 6) as boundary, synthetic_boundary, boundary_imported_at,
         st_x(st_pointonsurface(boundary)) as label_lng, st_y(st_pointonsurface(boundary)) as label_lat
  from jurisdictions`;

function toJurisdiction(row: JurisdictionRow): Jurisdiction {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    boundary: row.boundary === null ? null : JSON.parse(row.boundary),
    syntheticBoundary: row.synthetic_boundary,
    boundaryImportedAt: row.boundary_imported_at,
    labelLng: row.label_lng,
    labelLat: row.label_lat,
  };
}

export async function findJurisdiction(db: RequestDb, code: string): Promise<Jurisdiction | null> {
  const rows = await db.query<JurisdictionRow>(`${selectJurisdictions} where code = $1`, [code]);
  return rows[0] ? toJurisdiction(rows[0]) : null;
}

/** Units the viewer may see, by level and parent; row-level security does the scoping. */
export async function listJurisdictions(db: RequestDb, level: JurisdictionLevel | null, parentCode: string | null): Promise<Jurisdiction[]> {
  const rows = await db.query<JurisdictionRow>(
    `${selectJurisdictions}
     where ($1::text is null or level = $1) and ($2::text is null or parent_code = $2)
     order by code`,
    [level, parentCode]);
  return rows.map(toJurisdiction);
}

/** Many units by code in one statement, in the codes' order; null for one the viewer may not see. */
export async function findJurisdictions(db: RequestDb, codes: readonly string[]): Promise<(Jurisdiction | null)[]> {
  const rows = await db.query<JurisdictionRow>(`${selectJurisdictions} where code = any($1::text[])`, [codes]);
  return byKey(codes, rows, (row) => row.code, toJurisdiction);
}

/** A unit by code through the request's loader, for nested `town` fields. */
export function loadJurisdiction(ctx: Context, code: string): Promise<Jurisdiction | null> {
  return ctx.loader<string, Jurisdiction | null>('jurisdiction.byCode', (codes) => findJurisdictions(ctx.db, codes)).load(code);
}

/** The deployment's city and its bounding box, for anyone (app.service_area); null before it is set up. */
export async function serviceArea(db: RequestDb): Promise<ServiceArea | null> {
  const [row] = await db.query<{ code: string; name: string; west: number; south: number; east: number; north: number }>(
    'select code, name, west, south, east, north from app.service_area()');
  return row ? { code: row.code, name: row.name, bbox: [row.west, row.south, row.east, row.north] } : null;
}
