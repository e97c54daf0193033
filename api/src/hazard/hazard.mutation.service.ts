import { AppError, badInput, notFound } from '../common/errors';
import { HazardStatus, type HazardLevel, type HazardSource, type Sector } from '../common/enums';
import { requireDeadline, requireHappened, requireText, requireVisible, updateVersioned, type VersionedTarget } from '../common/mutation';
import type { RequestDb } from '../common/request-db';
import type { FiveInPlaceInput, ListForSupervisionInput } from './hazard.mutation-input';

/** A hazard to insert, from a report or an inspection's findings. */
export interface NewHazard {
  description: string;
  level: HazardLevel;
  sector: Sector;
  hazardType: string | null;
  source: HazardSource;
  enterpriseId: number | null;
  roadSegmentId: number | null;
  placeName: string | null;
  /** Null: the enterprise's location. */
  lngLat: [number, number] | null;
  /** Null: derived from the location by the database (app.place_in_town). */
  townCode: string | null;
  foundAt: Date | string | null;
  inspectionId: number | null;
}

// The code reads 隐患 (YH), the town and the day, then a random tail: unique without a
// counter every writer would contend for. Public reports get GZ- codes in the database.
const insertHazard = `
  with p as (
    select coalesce(st_setsrid(st_makepoint($9, $10), 4326),
                    (select location from enterprises where id = $6)) as location)
  insert into hazards (code, description, level, sector, hazard_type, source, enterprise_id,
                       road_segment_id, place_name, inspection_id, location, town_code, found_at,
                       reporter_user_id)
  select 'YH-' || coalesce($11, app.town_at(p.location), '') || '-' || to_char(now(), 'YYYYMMDD') || '-'
           || upper(substr(md5(random()::text || clock_timestamp()::text), 1, 6)),
         $1, $2, $3, $4, $5, $6, $7, $8, $12, p.location, $11, coalesce($13::timestamptz, now()), app.user_id()
  from p
  returning id`;

/** Inserts a REPORTED hazard; row-level security decides whether the viewer may. */
export async function createHazard(db: RequestDb, hazard: NewHazard): Promise<number> {
  const description = requireText(hazard.description, 'description', 'description');
  if (hazard.foundAt !== null) await requireHappened(db, hazard.foundAt, 'foundAt');
  if (hazard.enterpriseId !== null && hazard.roadSegmentId !== null) {
    throw badInput('a hazard is about an enterprise or a road segment, not both', 'roadSegmentId');
  }
  if (hazard.enterpriseId !== null) await requireVisible(db, 'enterprises', hazard.enterpriseId, 'enterprise');
  if (hazard.roadSegmentId !== null) await requireVisible(db, 'road_segments', hazard.roadSegmentId, 'road segment');
  if (hazard.lngLat === null && hazard.enterpriseId === null) throw badInput('a hazard needs a location', 'location');
  const [row] = await db.query<{ id: number }>(insertHazard, [
    description, hazard.level, hazard.sector, hazard.hazardType, hazard.source, hazard.enterpriseId,
    hazard.roadSegmentId, hazard.placeName, hazard.lngLat?.[0] ?? null, hazard.lngLat?.[1] ?? null,
    hazard.townCode, hazard.inspectionId, hazard.foundAt]);
  return row!.id;
}

export interface Receipt {
  receipt: string;
  townCode: string;
  foundAt: Date;
}

/** A citizen's report through app.submit_public_report, which returns only the receipt. */
export async function submitPublicReport(
  db: RequestDb, report: { description: string; sector: Sector; lngLat: [number, number]; placeName: string | null; contact: string | null },
): Promise<Receipt> {
  const description = requireText(report.description, 'description', 'description');
  const [row] = await db.query<{ receipt: string; town_code: string; found_at: Date }>(
    'select receipt, town_code, found_at from app.submit_public_report($1, $2, $3, $4, $5, $6)',
    [description, report.sector, report.lngLat[0], report.lngLat[1], report.placeName, report.contact]);
  return { receipt: row!.receipt, townCode: row!.town_code, foundAt: row!.found_at };
}

const hazard = (id: number, version: number, statuses: HazardStatus[], action: string): VersionedTarget =>
  ({ table: 'hazards', what: 'hazard', id, version, from: { statuses, action } });

const FIVE: [keyof FiveInPlaceInput, string][] = [
  ['responsiblePerson', 'responsiblePerson (责任)'],
  ['measures', 'measures (措施)'],
  ['fundsYuan', 'fundsYuan (资金)'],
  ['deadline', 'deadline (时限)'],
  ['contingencyPlan', 'contingencyPlan (预案)'],
];

/** REPORTED → RECTIFYING with all five in place (五到位) and a deadline not in the past. */
export async function startRectification(db: RequestDb, id: number, version: number, five: FiveInPlaceInput): Promise<number> {
  const missing = FIVE.filter(([key]) => {
    const value = five[key];
    return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  }).map(([, label]) => label);
  if (missing.length > 0) throw badInput(`rectification needs all five in place; missing: ${missing.join(', ')}`, 'fiveInPlace');
  if (five.fundsYuan! < 0) throw badInput('fundsYuan must not be negative', 'fundsYuan');
  await requireDeadline(db, five.deadline!, 'deadline');
  // Recorded in the ledger, which Chinese staff read: the default note is in Chinese.
  await db.setLocal('note', '五到位落实，开始整改');
  return updateVersioned(db, hazard(id, version, [HazardStatus.REPORTED], 'start rectification of'),
    `status = 'RECTIFYING', responsible_person = $3, measures = $4, funds_yuan = $5, deadline = $6, contingency_plan = $7`,
    [five.responsiblePerson!.trim(), five.measures!.trim(), five.fundsYuan, five.deadline, five.contingencyPlan!.trim()]);
}

/** Moves a hazard along one edge of the status flow, with the note the history records. */
async function move(db: RequestDb, target: VersionedTarget, to: HazardStatus, note: string, noteField: string): Promise<number> {
  await db.setLocal('note', requireText(note, noteField));
  return updateVersioned(db, target, 'status = $3', [to]);
}

/** RECTIFYING → AWAITING_VERIFICATION: the rectifier reports the fix done. */
export function submitRectification(db: RequestDb, id: number, version: number, note: string): Promise<number> {
  return move(db, hazard(id, version, [HazardStatus.RECTIFYING], 'submit for verification'), HazardStatus.AWAITING_VERIFICATION, note, 'note');
}

/** 验收: AWAITING_VERIFICATION → CLOSED when the fix holds, back to RECTIFYING when not. */
export function verifyRectification(db: RequestDb, id: number, version: number, passed: boolean, note: string): Promise<number> {
  return move(db, hazard(id, version, [HazardStatus.AWAITING_VERIFICATION], 'verify'), passed ? HazardStatus.CLOSED : HazardStatus.RECTIFYING, note, 'note');
}

/** 回头看: a re-check found a closed hazard not fixed after all; CLOSED → RECTIFYING. */
export function reopenHazard(db: RequestDb, id: number, version: number, reason: string): Promise<number> {
  return move(db, hazard(id, version, [HazardStatus.CLOSED], 'reopen'), HazardStatus.RECTIFYING, reason, 'reason');
}

/**
 * A later deadline with a reason; the history trigger records old and new (DEADLINE_EXTENDED).
 * The database refuses a deadline that is not later (RS002); a hazard without a deadline
 * gets one by starting rectification, not by an extension.
 */
export async function extendDeadline(db: RequestDb, id: number, version: number, newDeadline: string, reason: string): Promise<number> {
  await db.setLocal('note', requireText(reason, 'reason'));
  await requireDeadline(db, newDeadline, 'newDeadline');
  const [current] = await db.query<{ deadline: string | null }>('select deadline from hazards where id = $1', [id]);
  if (current && current.deadline === null) throw badInput('this hazard has no deadline yet; start rectification to set one', 'newDeadline');
  return updateVersioned(db, hazard(id, version, [HazardStatus.REPORTED, HazardStatus.RECTIFYING, HazardStatus.AWAITING_VERIFICATION], 'extend the deadline of'),
    'deadline = $3', [newDeadline]);
}

/**
 * 挂牌督办: records the listing; triggers raise the hazard's listed_level and write its
 * history. Row-level security admits only departments and the admin, in scope.
 */
export async function listForSupervision(db: RequestDb, hazardId: number, listing: ListForSupervisionInput): Promise<number> {
  const texts = ['listingBody', 'rectifyingUnit', 'rectifyingHead', 'regulatingUnit', 'regulatingHead', 'supervisingOfficial'] as const;
  const [body, rectifyingUnit, rectifyingHead, regulatingUnit, regulatingHead, official] = texts.map((f) => requireText(listing[f], f, 'name'));
  const [visible] = await db.query<{ this_year: number }>('select extract(year from current_date)::int as this_year from hazards where id = $1', [hazardId]);
  if (!visible) throw notFound('hazard');
  if (listing.yearListed < 2000 || listing.yearListed > visible.this_year) throw badInput(`yearListed must lie between 2000 and ${visible.this_year}`, 'yearListed');
  await requireDeadline(db, listing.deadline, 'deadline');
  const inserted = await db.query(
    `insert into listed_supervisions (hazard_id, level, listing_body, rectifying_unit, rectifying_head,
       regulating_unit, regulating_head, supervising_official, deadline, year_listed, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, app.user_id())
     on conflict (hazard_id, level) do nothing
     returning id`,
    [hazardId, listing.level, body, rectifyingUnit, rectifyingHead, regulatingUnit, regulatingHead, official,
      listing.deadline, listing.yearListed]);
  if (inserted.length === 0) throw new AppError('CONFLICT', `this hazard is already listed at ${listing.level} level`);
  return hazardId;
}
