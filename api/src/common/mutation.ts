import { Field, Float, InputType } from 'type-graphql';
import type { RequestDb } from './request-db';
import { AppError, badInput, conflict, forbidden, notFound, unauthenticated } from './errors';
import { GeoJSONScalar, validateGeometry } from './scalars';
import type { Viewer } from './viewer';

// Shared by the write side of every feature: role checks, ids, points, dates and the
// optimistic-locking update. Row-level security still decides scope; these give the
// client a clear error before the database would refuse.

export type Role = Viewer['role'];

/** Roles that write in their jurisdiction (app.can_write in 0001_foundation.sql). */
export const STAFF_WRITERS: readonly Role[] = ['admin', 'inspector', 'town'];

/**
 * Refuses a viewer whose role may not `action`: UNAUTHENTICATED for the anonymous public
 * (signing in may help), FORBIDDEN for a signed-in role (it will not).
 */
export function requireRole(viewer: Viewer, allowed: readonly Role[], action: string): void {
  if (allowed.includes(viewer.role)) return;
  if (viewer.role === 'public') throw unauthenticated();
  throw forbidden(`the ${viewer.role} role may not ${action}`);
}

/**
 * Refuses the anonymous public, which must sign in to act on the ledger. What a signed-in
 * user may do is the database's to say (app.hazard_action_refusal).
 */
export function requireSignedIn(viewer: Viewer): void {
  if (viewer.role === 'public') throw unauthenticated();
}

/** A GraphQL ID as a database id; anything else is bad input, not an unknown row. */
export function parseId(id: string, field: string): number {
  if (!/^[1-9]\d{0,14}$/.test(id)) throw badInput(`${field} must be a positive whole number`, field);
  return Number(id);
}

@InputType({ description: 'A point in WGS84: either lng and lat, or a GeoJSON Point.' })
export class PointInput {
  @Field(() => Float, { nullable: true, description: 'Longitude, -180..180.' })
  lng?: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude, -90..90.' })
  lat?: number | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A GeoJSON Point, instead of lng and lat.' })
  geojson?: Record<string, unknown> | null;
}

/** The [lng, lat] of a point input, range-checked the same way as GeoJSON input. */
export function toLngLat(input: PointInput, field = 'location'): [number, number] {
  const hasPair = input.lng != null || input.lat != null;
  if (hasPair === (input.geojson != null)) throw badInput(`${field} needs either lng and lat or a GeoJSON Point`, field);
  const geometry = input.geojson ?? validateGeometry({ type: 'Point', coordinates: [input.lng, input.lat] });
  if (geometry.type !== 'Point') throw badInput(`${field} must be a GeoJSON Point`, field);
  const [lng, lat] = geometry.coordinates as number[];
  return [lng!, lat!];
}

/** Refuses a blank text the database would refuse with a less helpful message. */
export function requireText(value: string | null | undefined, field: string): string {
  const text = value?.trim();
  if (!text) throw badInput(`${field} must not be empty`, field);
  return text;
}

/**
 * Refuses a date before today. "Today" is the database's app.today(), the same clock that
 * decides what is overdue, not the API host's.
 */
export async function requireNotPast(db: RequestDb, date: string, field: string): Promise<void> {
  const [row] = await db.query<{ past: boolean }>('select $1::date < app.today() as past', [date]);
  if (row!.past) throw badInput(`${field} ${date} lies in the past`, field);
}

/** Tables with a `version` column kept by app.touch(). */
export type VersionedTable = 'hazards' | 'enterprises' | 'road_segments' | 'inspections' | 'accidents';

export interface VersionedTarget {
  table: VersionedTable;
  /** What the row is, for error messages: "hazard", "enterprise". */
  what: string;
  id: number;
  /** The version the client last read. */
  version: number;
}

/**
 * `update <table> set <assignments> where id = $1 and version = $2 returning id`; the
 * assignments use $3 onwards for `values`. When no row was updated, a second look tells
 * the client why: not visible (NOT_FOUND), moved on (CONFLICT), or visible but outside the
 * write scope (FORBIDDEN). A hazard's status moves are asked of the database before
 * (app.hazard_action_refusal). The table name comes from the closed VersionedTable union,
 * never from input.
 */
export async function updateVersioned(db: RequestDb, target: VersionedTarget, assignments: string, values: unknown[]): Promise<number> {
  const updated = await db.query<{ id: number }>(
    `update ${target.table} set ${assignments} where id = $1 and version = $2 returning id`, [target.id, target.version, ...values]);
  if (updated[0]) return updated[0].id;
  throw await whyNotUpdated(db, target);
}

async function whyNotUpdated(db: RequestDb, target: VersionedTarget): Promise<AppError> {
  const [row] = await db.query<{ version: number }>(`select version from ${target.table} where id = $1`, [target.id]);
  if (!row) return notFound(target.what);
  if (row.version !== target.version) return conflict(target.what);
  return forbidden(`this ${target.what} is outside your scope`);
}

/** The one row a batch finder returned after a write; NOT_FOUND when the viewer cannot see it. */
export async function reloaded<T>(found: Promise<(T | null)[]>, what: string): Promise<T> {
  const [row] = await found;
  if (!row) throw notFound(what);
  return row;
}
