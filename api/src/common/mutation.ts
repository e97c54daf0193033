import { Field, Float, InputType } from 'type-graphql';
import type { RequestDb } from './request-db';
import { AppError, badInput, conflict, forbidden, notFound, unauthenticated } from './errors';
import { TEXT_LIMITS, type TextKind } from './input-limits';
import { GeoJSONScalar, validateGeometry } from './scalars';
import type { Viewer } from './viewer';

// Shared by the write side of every feature: role checks, ids, points, dates and the
// optimistic-locking update. Row-level security still decides scope; these give the
// client a clear error before the database would refuse.

export type Role = Viewer['role'];

/** Roles that write in their jurisdiction (app.can_write in 0001_foundation.sql). */
export const STAFF_WRITERS: readonly Role[] = ['admin', 'inspector', 'town'];

/**
 * Who may create each kind of record: the create mutations check it and Me.mayCreate tells
 * the web which forms to show, so both read this one table. Scope (town, sectors, the
 * enterprise's own) is row-level security's to decide for each row.
 */
export const CREATORS = {
  /** Staff in scope, and an enterprise its own self-inspection finds (0004 hazards_insert). */
  hazard: [...STAFF_WRITERS, 'enterprise'],
  enterprise: STAFF_WRITERS,
  inspection: STAFF_WRITERS,
  roadSegment: STAFF_WRITERS,
  accident: STAFF_WRITERS,
} as const satisfies Record<string, readonly Role[]>;

export type CreatedKind = keyof typeof CREATORS;

/** Whether `role` may create records of `kind` (CREATORS). */
export function mayCreate(role: Role, kind: CreatedKind): boolean {
  return (CREATORS[kind] as readonly Role[]).includes(role);
}

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

/**
 * The note of a change: the history triggers record it with the change (app.note). Update
 * inputs extend this; declared as an input type so its field is inherited, it does not
 * appear in the schema itself.
 */
@InputType()
export class NotedChange {
  @Field(() => String, { nullable: true, description: 'Why (a reason, a 补报 explanation): recorded as the note of the history entry.' })
  note?: string | null;
}

/** Sets the request's note for the history triggers; a given note must not be blank. */
export async function recordNote(db: RequestDb, note: string | null | undefined): Promise<void> {
  if (note != null) await db.setLocal('note', requireText(note, 'note'));
}

/**
 * Refuses a blank text the database would refuse with a less helpful message, and one
 * longer than its kind allows (input-limits.ts; input types are checked by their decorators,
 * plain arguments such as a note or a reason here).
 */
export function requireText(value: string | null | undefined, field: string, kind: TextKind = 'note'): string {
  const text = value?.trim();
  if (!text) throw badInput(`${field} must not be empty`, field);
  if (text.length > TEXT_LIMITS[kind]) throw badInput(`${field} is longer than ${TEXT_LIMITS[kind]} characters`, field);
  if (text.includes('\u0000')) throw badInput(`${field} contains a NUL character`, field);
  return text;
}

/** Refuses a reference to a row the viewer cannot see, as if it did not exist: an id outside one's scope cannot be probed. */
export async function requireVisible(db: RequestDb, table: 'enterprises' | 'road_segments' | 'inspections', id: number, what: string): Promise<void> {
  const rows = await db.query(`select 1 from ${table} where id = $1`, [id]);
  if (rows.length === 0) throw notFound(what);
}

/** No record of this platform is dated before this day. */
export const EARLIEST_DATE = '2000-01-01';
/** A deadline lies at most this far ahead (a major hazard's plan rarely runs past a year or two). */
export const DEADLINE_HORIZON_YEARS = 5;

/**
 * Refuses a deadline before today or more than DEADLINE_HORIZON_YEARS ahead. "Today" is the
 * database's app.today(), the same clock that decides what is overdue, not the API host's.
 */
export async function requireDeadline(db: RequestDb, date: string, field: string): Promise<void> {
  const [row] = await db.query<{ past: boolean; far: boolean }>(
    `select $1::date < app.today() as past, $1::date > app.today() + make_interval(years => $2) as far`, [date, DEADLINE_HORIZON_YEARS]);
  if (row!.past) throw badInput(`${field} ${date} lies in the past`, field);
  if (row!.far) throw badInput(`${field} ${date} lies more than ${DEADLINE_HORIZON_YEARS} years ahead`, field);
}

/**
 * Refuses the day something happened (found, inspected, occurred) when it lies after today
 * or before EARLIEST_DATE; days in the deployment's calendar (app.date_at, app.today()).
 */
export async function requireHappened(db: RequestDb, when: Date | string, field: string): Promise<void> {
  const [row] = await db.query<{ future: boolean; early: boolean }>(
    `select app.date_at($1::timestamptz) > app.today() as future, app.date_at($1::timestamptz) < $2::date as early`, [when, EARLIEST_DATE]);
  if (row!.future) throw badInput(`${field} lies in the future`, field);
  if (row!.early) throw badInput(`${field} lies before ${EARLIEST_DATE}`, field);
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
