import { byKey, groupBy } from '../common/batch';
import { fetchPage, type PageData, type SortKey } from '../common/connection';
import { checkFilter, hazardWhere } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import type { HazardAction, HazardEvent, HazardLevel, HazardSource, HazardStatus, Sector, SupervisionLevel } from '../common/enums';
import { toChase, type ChaseRow } from '../chase/chase.service';
import { toActor } from '../history/history.service';
import type { HazardOrder, HazardsArgs } from './hazard.input';
import { overdueDaysSql, overdueSql } from './hazard.sql';
import { Hazard, HazardHistoryEntry, type HazardLateness, ListedSupervision } from './hazard.type';

export interface HazardRow {
  id: number;
  code: string;
  description: string;
  level: HazardLevel;
  sector: Sector;
  hazard_type: string | null;
  source: HazardSource;
  geometry: string;
  lng: number;
  lat: number;
  overdue: boolean;
  overdue_days: number;
  days_to_deadline: number | null;
  found_at: Date;
  responsible_person: string | null;
  measures: string | null;
  funds_yuan: number | null;
  deadline: string | null;
  contingency_plan: string | null;
  listed_level: SupervisionLevel | null;
  published: boolean;
  status: HazardStatus;
  closed_at: Date | null;
  version: number;
  town_code: string;
  enterprise_id: number | null;
  road_segment_id: number | null;
  inspection_id: number | null;
  place_name: string | null;
  reporter_contact: string | null;
  synthetic: boolean;
}

/** The columns of a Hazard, over `hazards h`; shared by every statement that returns hazards. */
export const hazardColumns = `
  h.id, h.code, h.description, h.level, h.sector, h.hazard_type, h.source,
  st_asgeojson(h.location, 6) as geometry, st_x(h.location) as lng, st_y(h.location) as lat,
  coalesce(${overdueSql('h')}, false) as overdue, ${overdueDaysSql('h')} as overdue_days,
  h.deadline - app.today() as days_to_deadline,
  h.found_at, h.responsible_person, h.measures, h.funds_yuan, h.deadline, h.contingency_plan,
  h.listed_level, h.published, h.status, h.closed_at, h.version, h.town_code,
  h.enterprise_id, h.road_segment_id, h.inspection_id, h.place_name, h.reporter_contact, h.synthetic`;

export const hazardFrom = 'hazards h';

/** `select <hazard columns> from hazards h`: append a where clause. */
export const selectHazards = `select ${hazardColumns} from ${hazardFrom}`;

const id = (value: number | null): string | null => (value === null ? null : String(value));

export function toHazard(row: HazardRow): Hazard {
  return Object.assign(new Hazard(), {
    id: String(row.id),
    code: row.code,
    description: row.description,
    level: row.level,
    sector: row.sector,
    hazardType: row.hazard_type,
    source: row.source,
    geometry: JSON.parse(row.geometry),
    lng: row.lng,
    lat: row.lat,
    overdue: row.overdue,
    overdueDays: row.overdue_days,
    daysToDeadline: row.days_to_deadline,
    foundAt: row.found_at,
    responsiblePerson: row.responsible_person,
    measures: row.measures,
    fundsYuan: row.funds_yuan,
    deadline: row.deadline,
    contingencyPlan: row.contingency_plan,
    listedLevel: row.listed_level,
    published: row.published,
    status: row.status,
    closedAt: row.closed_at,
    version: row.version,
    townCode: row.town_code,
    enterpriseId: id(row.enterprise_id),
    roadSegmentId: id(row.road_segment_id),
    inspectionId: id(row.inspection_id),
    placeName: row.place_name,
    reporterContact: row.reporter_contact,
    synthetic: row.synthetic,
  });
}

/** One hazard by id, or null when it does not exist or lies outside the viewer's scope. */
export async function findHazard(db: RequestDb, hazardId: string): Promise<Hazard | null> {
  const rows = await db.query<HazardRow>(`${selectHazards} where h.id = $1`, [hazardId]);
  return rows[0] ? toHazard(rows[0]) : null;
}

interface HistoryRow {
  id: number;
  hazard_id: number;
  event: HazardEvent;
  from_status: HazardStatus | null;
  to_status: HazardStatus;
  action: HazardAction | null;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  old_deadline: string | null;
  new_deadline: string | null;
  evaluation: string | null;
  listing: ListingRow | null;
  escalation: ChaseRow | null;
}

function toHistoryEntry(row: HistoryRow): HazardHistoryEntry {
  return {
    id: String(row.id),
    event: row.event,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    action: row.action,
    at: row.at,
    actor: toActor(row.actor_id, row.actor_name),
    actorId: id(row.actor_id),
    actorName: row.actor_name,
    note: row.note,
    oldDeadline: row.old_deadline,
    newDeadline: row.new_deadline,
    evaluation: row.evaluation,
    listing: row.listing === null ? null : toListing(row.listing),
    escalation: row.escalation === null ? null : toChase(row.escalation),
  };
}

/**
 * Histories of many hazards in one statement, oldest entry first. A LISTED entry brings its
 * listing: by listing_id, or, for entries written before that column existed, the listing
 * of the same hazard created at the same moment (the trigger wrote both in one transaction).
 */
export async function historiesOf(db: RequestDb, hazardIds: readonly string[]): Promise<HazardHistoryEntry[][]> {
  const rows = await db.query<HistoryRow>(
    `select hh.id, hh.hazard_id, hh.event, hh.from_status, hh.to_status, t.action, hh.at, hh.actor_id,
            app.user_display_name(hh.actor_id) as actor_name, hh.note, hh.old_deadline, hh.new_deadline, hh.evaluation,
            to_jsonb(ls) as listing, to_jsonb(hc) as escalation
     from hazard_history hh
     left join hazard_chases hc on hc.id = hh.chase_id
     left join hazard_transitions t
       on hh.event = 'TRANSITION' and t.from_status = hh.from_status and t.to_status = hh.to_status
     left join lateral (
       select ${listingColumns} from listed_supervisions
       where hh.event = 'LISTED' and hazard_id = hh.hazard_id
         and (id = hh.listing_id or (hh.listing_id is null and created_at = hh.at))
       order by id limit 1) ls on true
     where hh.hazard_id = any($1::bigint[])
     order by hh.hazard_id, hh.at, hh.id`,
    [hazardIds]);
  return groupBy(hazardIds, rows, (row) => String(row.hazard_id), toHistoryEntry);
}

/**
 * What the viewer may do to each of many hazards, in one statement: app.viewer_actions, the
 * same definition (app.hazard_action_refusal) the database's triggers refuse with.
 */
export async function viewerActionsOf(db: RequestDb, hazardIds: readonly string[]): Promise<HazardAction[][]> {
  const rows = await db.query<{ id: number; actions: HazardAction[] }>(
    'select h.id, app.viewer_actions(h)::text[] as actions from hazards h where h.id = any($1::bigint[])', [hazardIds]);
  return byKey(hazardIds, rows, (row) => String(row.id), (row) => row.actions).map((actions) => actions ?? []);
}

/** Whether each hazard was ever overdue and ever rectified late (hazard_lateness), in one statement. */
export async function latenessOf(db: RequestDb, hazardIds: readonly string[]): Promise<HazardLateness[]> {
  const rows = await db.query<{ hazard_id: number; ever_overdue: boolean; rectified_late: boolean }>(
    'select hazard_id, ever_overdue, rectified_late from hazard_lateness where hazard_id = any($1::bigint[])', [hazardIds]);
  return byKey(hazardIds, rows, (row) => String(row.hazard_id),
    (row) => ({ everOverdue: row.ever_overdue, rectifiedLate: row.rectified_late }))
    .map((lateness) => lateness ?? { everOverdue: false, rectifiedLate: false });
}

interface ListingRow {
  id: number;
  hazard_id: number;
  level: SupervisionLevel;
  listing_body: string;
  rectifying_unit: string;
  rectifying_head: string;
  regulating_unit: string;
  regulating_head: string;
  supervising_official: string;
  deadline: string;
  year_listed: number;
  /** A Date from a query; an ISO string when it comes through to_jsonb. */
  created_at: Date | string;
}

const listingColumns = `id, hazard_id, level, listing_body, rectifying_unit, rectifying_head, regulating_unit,
  regulating_head, supervising_official, deadline, year_listed, created_at`;

function toListing(row: ListingRow): ListedSupervision {
  return Object.assign(new ListedSupervision(), {
    id: String(row.id),
    level: row.level,
    listingBody: row.listing_body,
    rectifyingUnit: row.rectifying_unit,
    rectifyingHead: row.rectifying_head,
    regulatingUnit: row.regulating_unit,
    regulatingHead: row.regulating_head,
    supervisingOfficial: row.supervising_official,
    deadline: row.deadline,
    yearListed: row.year_listed,
    createdAt: new Date(row.created_at),
  });
}

/** Listed supervisions of many hazards in one statement. */
export async function listingsOf(db: RequestDb, hazardIds: readonly string[]): Promise<ListedSupervision[][]> {
  const rows = await db.query<ListingRow>(
    `select ${listingColumns} from listed_supervisions where hazard_id = any($1::bigint[])
     order by hazard_id, created_at, id`,
    [hazardIds]);
  return groupBy(hazardIds, rows, (row) => String(row.hazard_id), toListing);
}

/** Hazards found by many inspections in one statement. */
export async function hazardsOfInspections(db: RequestDb, inspectionIds: readonly string[]): Promise<Hazard[][]> {
  const rows = await db.query<HazardRow>(
    `${selectHazards} where h.inspection_id = any($1::bigint[]) order by h.id`, [inspectionIds]);
  return groupBy(inspectionIds, rows, (row) => String(row.inspection_id), toHazard);
}

const HAZARD_ORDERS: Record<HazardOrder, SortKey> = {
  OVERDUE_DAYS_DESC: { name: 'overdue', sql: overdueDaysSql('h'), type: 'integer', direction: 'desc' },
  FOUND_AT_DESC: { name: 'found', sql: 'h.found_at', type: 'timestamptz', direction: 'desc' },
  // No deadline yet (just reported) sorts after every real deadline.
  DEADLINE_ASC: { name: 'deadline', sql: `coalesce(h.deadline, 'infinity'::date)`, type: 'date', direction: 'asc' },
  LEVEL_DESC: { name: 'level', sql: `(case h.level when 'MAJOR' then 1 else 0 end)`, type: 'integer', direction: 'desc' },
};

/** A page of the hazards the viewer may see, filtered and ordered. */
export async function listHazards(db: RequestDb, { filter, orderBy, first, after }: HazardsArgs): Promise<PageData<Hazard>> {
  await checkFilter(db, filter);
  const params: unknown[] = [];
  const where = hazardWhere(filter, params);
  return fetchPage(db, { columns: hazardColumns, from: hazardFrom, alias: 'h', where, params, order: HAZARD_ORDERS[orderBy], first, after }, toHazard);
}

/** Open (not closed) hazards per enterprise or road segment, in one statement. */
export async function openHazardCounts(db: RequestDb, column: 'enterprise_id' | 'road_segment_id', ids: readonly string[]): Promise<number[]> {
  const rows = await db.query<{ id: number; n: number }>(
    `select ${column} as id, count(*)::int as n from hazards
     where ${column} = any($1::bigint[]) and status <> 'CLOSED' group by ${column}`,
    [ids]);
  return byKey(ids, rows, (row) => String(row.id), (row) => row.n).map((n) => n ?? 0);
}
