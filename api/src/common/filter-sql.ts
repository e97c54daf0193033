import type { AccidentFilter } from '../accident/accident.input';
import type { EnterpriseFilter } from '../enterprise/enterprise.input';
import type { HazardFilter } from '../hazard/hazard.input';
import { overdueSql } from '../hazard/hazard.sql';
import type { InspectionFilter } from '../inspection/inspection.input';
import type { RoadSegmentFilter } from '../road-segment/road-segment.input';
import type { HazardAction } from './enums';
import { badInput } from './errors';
import type { AreaFilter, NearInput } from './filter.input';
import type { RequestDb } from './request-db';
import { codePrefix } from './viewer';

// Filters to SQL where-fragments. Every builder pushes its values into `params` and refers
// to them as $n, numbered after what `params` already holds, so a caller can combine the
// fragment with its own parameters. Only column names written here reach the SQL text;
// input never does. Row-level security still decides visibility: filters only narrow.

/** Pushes a value and returns its placeholder. */
export function param(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

const CODE = /^\d{6}(\d{3})?$/;
const ROW_ID = /^\d{1,18}$/;
const MAX_RADIUS_METERS = 100_000;
const MAX_SEARCH_LENGTH = 100;
const MAX_DUE_WITHIN_DAYS = 366;

/** An id argument as the database expects it, or BAD_USER_INPUT. */
export function rowId(value: string, field: string): string {
  if (!ROW_ID.test(value)) throw badInput(`${field} is not an id`, field);
  return value;
}

export function jurisdictionCode(code: string, field = 'jurisdictionCode'): string {
  if (!CODE.test(code)) throw badInput('a jurisdiction code has 6 or 9 digits', field);
  return code;
}

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/** Town codes under a jurisdiction, as a range on the "C" collation (like app.in_jurisdiction). */
export function underJurisdiction(params: unknown[], townColumn: string, code: string): string {
  const prefix = codePrefix(jurisdictionCode(code));
  return `(${townColumn} >= ${param(params, prefix)}::text collate "C" and ${townColumn} < ${param(params, `${prefix}:`)}::text collate "C")`;
}

function anyOf(params: unknown[], column: string, values: readonly string[]): string {
  return `${column} = any(${param(params, values)}::text[])`;
}

/** Case-insensitive substring match on any of the columns; trigram indexes serve it (0005). */
function search(params: unknown[], columns: string[], text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_SEARCH_LENGTH) {
    throw badInput(`search needs 1 to ${MAX_SEARCH_LENGTH} characters`, 'search');
  }
  const pattern = param(params, `%${trimmed.replace(/[\\%_]/g, '\\$&')}%`);
  return `(${columns.map((column) => `${column} ilike ${pattern}`).join(' or ')})`;
}

/**
 * Geodesic distance with a bounding-box prefilter: `&&` on the plain geometry uses the GiST
 * index, st_dwithin on geography then measures in metres on the spheroid. The box is made
 * generous (shortest degree of latitude, longitude shrinking towards the pole).
 */
function near(params: unknown[], geom: string, { lng, lat, radiusMeters }: NearInput): string {
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw badInput(`longitude ${lng} is outside -180..180`, 'near');
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badInput(`latitude ${lat} is outside -90..90`, 'near');
  if (!(radiusMeters > 0 && radiusMeters <= MAX_RADIUS_METERS)) {
    throw badInput(`radiusMeters must be above 0 and at most ${MAX_RADIUS_METERS}`, 'near');
  }
  const dLat = radiusMeters / 110_574;
  const farthestLat = Math.min(89.9, Math.abs(lat) + dLat);
  const dLng = Math.min(360, radiusMeters / (111_320 * Math.cos((farthestLat * Math.PI) / 180)));
  const point = `st_setsrid(st_makepoint(${param(params, lng)}::float8, ${param(params, lat)}::float8), 4326)`;
  return `(${geom} && st_expand(${point}, ${param(params, dLng)}::float8, ${param(params, dLat)}::float8)
    and st_dwithin(${geom}::geography, ${point}::geography, ${param(params, radiusMeters)}::float8))`;
}

function area(params: unknown[], filter: AreaFilter, geom: string, townColumn: string): string[] {
  const clauses: string[] = [];
  if (present(filter.jurisdictionCode)) clauses.push(underJurisdiction(params, townColumn, filter.jurisdictionCode));
  if (present(filter.bbox)) {
    const [minLng, minLat, maxLng, maxLat] = filter.bbox;
    clauses.push(`${geom} && st_makeenvelope(${param(params, minLng)}::float8, ${param(params, minLat)}::float8, ${param(params, maxLng)}::float8, ${param(params, maxLat)}::float8, 4326)`);
  }
  if (present(filter.within)) {
    clauses.push(`st_intersects(${geom}, st_setsrid(st_geomfromgeojson(${param(params, JSON.stringify(withinPolygon(filter.within)))}::text), 4326))`);
  }
  if (present(filter.near)) clauses.push(near(params, geom, filter.near));
  return clauses;
}

function withinPolygon(within: Record<string, unknown>): Record<string, unknown> {
  if (within.type !== 'Polygon' && within.type !== 'MultiPolygon') throw badInput('within must be a Polygon or MultiPolygon', 'within');
  return within;
}

const and = (clauses: string[]): string => (clauses.length === 0 ? 'true' : clauses.join('\n  and '));

/**
 * The where-fragment of a HazardFilter over the hazards table aliased `alias`. Used by the
 * hazard list, its count, the stats and the vector tiles, so they always agree.
 */
export function hazardWhere(filter: HazardFilter | null | undefined, params: unknown[], alias = 'h'): string {
  if (!filter) return 'true';
  const c = (column: string) => `${alias}.${column}`;
  const clauses = area(params, filter, c('location'), c('town_code'));
  if (present(filter.sectors)) clauses.push(anyOf(params, c('sector'), filter.sectors));
  if (present(filter.levels)) clauses.push(anyOf(params, c('level'), filter.levels));
  if (present(filter.statuses)) clauses.push(anyOf(params, c('status'), filter.statuses));
  if (present(filter.sources)) clauses.push(anyOf(params, c('source'), filter.sources));
  if (present(filter.overdue)) clauses.push(filter.overdue ? overdueSql(alias) : `not coalesce(${overdueSql(alias)}, false)`);
  if (present(filter.dueWithinDays)) clauses.push(dueWithin(params, alias, filter.dueWithinDays));
  if (present(filter.viewerMay)) clauses.push(viewerMay(params, alias, filter.viewerMay));
  if (present(filter.listedLevels)) clauses.push(anyOf(params, c('listed_level'), filter.listedLevels));
  if (present(filter.listed)) clauses.push(`${c('listed_level')} is ${filter.listed ? 'not ' : ''}null`);
  if (present(filter.published)) clauses.push(`${filter.published ? '' : 'not '}${c('published')}`);
  if (present(filter.foundFrom)) clauses.push(`${c('found_at')} >= ${param(params, filter.foundFrom)}::timestamptz`);
  if (present(filter.foundTo)) clauses.push(`${c('found_at')} < ${param(params, filter.foundTo)}::timestamptz`);
  if (present(filter.deadlineFrom)) clauses.push(`${c('deadline')} >= ${param(params, filter.deadlineFrom)}::date`);
  if (present(filter.deadlineTo)) clauses.push(`${c('deadline')} <= ${param(params, filter.deadlineTo)}::date`);
  if (present(filter.enterpriseId)) clauses.push(`${c('enterprise_id')} = ${param(params, rowId(filter.enterpriseId, 'enterpriseId'))}::bigint`);
  if (present(filter.roadSegmentId)) clauses.push(`${c('road_segment_id')} = ${param(params, rowId(filter.roadSegmentId, 'roadSegmentId'))}::bigint`);
  if (present(filter.inspectionId)) clauses.push(`${c('inspection_id')} = ${param(params, rowId(filter.inspectionId, 'inspectionId'))}::bigint`);
  if (present(filter.search)) {
    // The subject's names through subqueries, each under the enterprises' and road segments'
    // own row-level security: a name the viewer may not read never matches.
    clauses.push(search(params, [
      c('code'), c('description'), c('place_name'),
      `(select e.name from enterprises e where e.id = ${c('enterprise_id')})`,
      `(select r.road_number from road_segments r where r.id = ${c('road_segment_id')})`,
    ], filter.search));
  }
  return and(clauses);
}

/**
 * Due within n days: not overdue today, but overdue on today + n + 1 if nothing is done. Both
 * ends are the one overdue rule (hazard_is_overdue_on), so "due" can never disagree with it.
 */
function dueWithin(params: unknown[], alias: string, days: number): string {
  if (!Number.isInteger(days) || days < 0 || days > MAX_DUE_WITHIN_DAYS) {
    throw badInput(`dueWithinDays must be 0 to ${MAX_DUE_WITHIN_DAYS}`, 'dueWithinDays');
  }
  return `(not coalesce(${overdueSql(alias)}, false)
    and coalesce(${overdueSql(alias, `(select app.today()) + ${param(params, days + 1)}::int`)}, false))`;
}

/**
 * Hazards the request may take `action` on now: app.hazard_action_refusal, the rule the
 * triggers refuse with. The status the action starts from (hazard_transitions) is tested
 * first, so the planner narrows by status before calling the function per row.
 */
function viewerMay(params: unknown[], alias: string, action: HazardAction): string {
  const placeholder = param(params, action);
  return `((${alias}.status in (select t.from_status from hazard_transitions t where t.action = ${placeholder}::hazard_action)
      or not exists (select 1 from hazard_transitions t where t.action = ${placeholder}::hazard_action))
    and app.hazard_action_refusal(${placeholder}::hazard_action, ${alias}) is null)`;
}

/** The where-fragment of an EnterpriseFilter over `enterprises alias`. */
export function enterpriseWhere(filter: EnterpriseFilter | null | undefined, params: unknown[], alias = 'e'): string {
  if (!filter) return 'true';
  const c = (column: string) => `${alias}.${column}`;
  const clauses = area(params, filter, c('location'), c('town_code'));
  if (present(filter.sectors)) clauses.push(anyOf(params, c('sector'), filter.sectors));
  if (present(filter.riskLevels)) clauses.push(anyOf(params, c('risk_level'), filter.riskLevels));
  if (present(filter.statuses)) clauses.push(anyOf(params, c('status'), filter.statuses));
  if (present(filter.majorHazard)) clauses.push(`${c('major_hazard_grade')} is ${filter.majorHazard ? 'not ' : ''}null`);
  if (present(filter.search)) clauses.push(search(params, [c('name'), c('credit_code')], filter.search));
  return and(clauses);
}

/** The where-fragment of a RoadSegmentFilter over `road_segments alias`. */
export function roadSegmentWhere(filter: RoadSegmentFilter | null | undefined, params: unknown[], alias = 'r'): string {
  if (!filter) return 'true';
  const c = (column: string) => `${alias}.${column}`;
  const clauses = area(params, filter, c('geom'), c('town_code'));
  if (present(filter.riskLevels)) clauses.push(anyOf(params, c('risk_level'), filter.riskLevels));
  if (present(filter.roadClasses)) clauses.push(anyOf(params, c('road_class'), filter.roadClasses));
  if (present(filter.features)) clauses.push(`${c('features')} && ${param(params, filter.features)}::text[]`);
  if (present(filter.search)) clauses.push(search(params, [c('road_name'), c('road_number')], filter.search));
  return and(clauses);
}

/** The where-fragment of an InspectionFilter over `inspections alias`. */
export function inspectionWhere(filter: InspectionFilter | null | undefined, params: unknown[], alias = 'i'): string {
  if (!filter) return 'true';
  const c = (column: string) => `${alias}.${column}`;
  const clauses: string[] = [];
  if (present(filter.jurisdictionCode)) clauses.push(underJurisdiction(params, c('town_code'), filter.jurisdictionCode));
  if (present(filter.sectors)) clauses.push(anyOf(params, c('sector'), filter.sectors));
  if (present(filter.kinds)) clauses.push(anyOf(params, c('kind'), filter.kinds));
  if (present(filter.enterpriseId)) clauses.push(`${c('enterprise_id')} = ${param(params, rowId(filter.enterpriseId, 'enterpriseId'))}::bigint`);
  if (present(filter.from)) clauses.push(`${c('inspected_on')} >= ${param(params, filter.from)}::date`);
  if (present(filter.to)) clauses.push(`${c('inspected_on')} <= ${param(params, filter.to)}::date`);
  return and(clauses);
}

/** The where-fragment of an AccidentFilter over `accidents alias`. */
export function accidentWhere(filter: AccidentFilter | null | undefined, params: unknown[], alias = 'a'): string {
  if (!filter) return 'true';
  const c = (column: string) => `${alias}.${column}`;
  const clauses = area(params, filter, c('location'), c('town_code'));
  if (present(filter.sectors)) clauses.push(anyOf(params, c('sector'), filter.sectors));
  if (present(filter.enterpriseId)) clauses.push(`${c('enterprise_id')} = ${param(params, rowId(filter.enterpriseId, 'enterpriseId'))}::bigint`);
  if (present(filter.from)) clauses.push(`${c('occurred_at')} >= ${param(params, filter.from)}::timestamptz`);
  if (present(filter.to)) clauses.push(`${c('occurred_at')} < ${param(params, filter.to)}::timestamptz`);
  if (present(filter.reportedLate)) clauses.push(`${filter.reportedLate ? '' : 'not '}accident_report_is_late(${c('occurred_at')}, ${c('reported_at')})`);
  return and(clauses);
}

interface FilterCheckRow {
  valid: boolean;
  reason: string | null;
  known: boolean;
}

/**
 * What the builders cannot check without the database, in one statement before the list:
 * that a `within` polygon is valid (a self-intersecting one would give wrong answers, not
 * errors) and that the jurisdiction code exists in the viewer's sight. Unknown and
 * out-of-scope codes get the same answer, so the check reveals nothing.
 */
export async function checkFilter(
  db: RequestDb, filter: Pick<AreaFilter, 'jurisdictionCode' | 'within'> | null | undefined,
): Promise<void> {
  const within = filter?.within ? JSON.stringify(withinPolygon(filter.within)) : null;
  const code = filter?.jurisdictionCode ? jurisdictionCode(filter.jurisdictionCode) : null;
  if (within === null && code === null) return;
  const [row] = await db.query<FilterCheckRow>(
    `select coalesce(st_isvalid(g), true) as valid, st_isvalidreason(g) as reason,
            $2::text is null or exists (select 1 from jurisdictions where code = $2::text) as known
     from (select st_geomfromgeojson($1::text) as g) area`,
    [within, code]);
  if (!row!.valid) throw badInput(`within is not a valid polygon: ${row!.reason}`, 'within');
  if (!row!.known) throw badInput(`unknown jurisdiction ${code}`, 'jurisdictionCode');
}
