import { AppError, badInput, conflict, forbidden, fromPostgres, notFound } from '../common/errors';
import { HazardAction, type HazardLevel, type HazardSource, type Sector } from '../common/enums';
import { requireDeadline, requireHappened, requireText, requireVisible, updateVersioned } from '../common/mutation';
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
// The tail can repeat a code of the same town and day (16.7 million tails: one registration
// in a thousand collided in the benchmark's town at a few thousand a day); such an insert
// writes nothing and is tried again with a new tail.
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
  on conflict (code) do nothing
  returning id`;

/** Tries of a random tail: with ten thousand codes of one town and day a try collides once in 1,700, five in a row once in 10^16. */
const CODE_TRIES = 5;

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
  for (let tries = 1; ; tries += 1) {
    const [row] = await db.query<{ id: number }>(insertHazard, [
      description, hazard.level, hazard.sector, hazard.hazardType, hazard.source, hazard.enterpriseId,
      hazard.roadSegmentId, hazard.placeName, hazard.lngLat?.[0] ?? null, hazard.lngLat?.[1] ?? null,
      hazard.townCode, hazard.inspectionId, hazard.foundAt]);
    if (row) return row.id;
    if (tries === CODE_TRIES) throw new AppError('CONFLICT', 'no free hazard code was found; try again');
  }
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

/**
 * Refuses `action` on a hazard as the database would, before trying it: NOT_FOUND when the
 * viewer cannot see it, else the refusal of app.hazard_action_refusal (the one definition of
 * who may do what, which the hazards trigger applies again), mapped like any database error.
 * With `version`, CONFLICT first when the hazard has moved on since the client read it.
 */
async function requireAllowed(db: RequestDb, id: number, action: HazardAction, version: number | null = null): Promise<void> {
  const [row] = await db.query<{ version: number; sqlstate: string | null; message: string | null }>(
    `select h.version, r.sqlstate, r.message
     from hazards h cross join lateral app.hazard_action_refusal($2::hazard_action, h) r
     where h.id = $1`, [id, action]);
  if (!row) throw notFound('hazard');
  if (version !== null && row.version !== version) throw conflict('hazard');
  if (row.sqlstate !== null) throw fromPostgres({ code: row.sqlstate, message: row.message ?? undefined }) ?? forbidden();
}

/**
 * Takes `action` on the hazard the client read at `version`: first whether the viewer may
 * (NOT_FOUND, CONFLICT, then the database's refusal), then `prepare` checks the input and
 * sets what the triggers record, and returns the update's assignments and values.
 */
async function act(
  db: RequestDb, id: number, version: number, action: HazardAction, prepare: () => Promise<[string, unknown[]]>,
): Promise<number> {
  await requireAllowed(db, id, action, version);
  const [assignments, values] = await prepare();
  return updateVersioned(db, { table: 'hazards', what: 'hazard', id, version }, assignments, values);
}

/**
 * The assignment of the status an action leads to, read from the status flow itself
 * (hazard_transitions): the api keeps no copy of it. `$n` is the action.
 */
const statusAfter = (n: number): string => `status = (select t.to_status from hazard_transitions t where t.action = $${n}::hazard_action)`;

const FIVE: [keyof FiveInPlaceInput, string][] = [
  ['responsiblePerson', 'responsiblePerson (责任)'],
  ['measures', 'measures (措施)'],
  ['fundsYuan', 'fundsYuan (资金)'],
  ['contingencyPlan', 'contingencyPlan (预案)'],
];
const blank = (value: unknown): boolean => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * REPORTED → RECTIFYING with all five in place (五到位). The deadline noted at registration
 * stands unless `fiveInPlace.deadline` differs: a hazard without one gets its first (its
 * original) here; changing one is an extension, later and with `deadlineChangeReason`, and
 * refused to the rectifying party once the hazard is overdue or listed (the database's rule).
 */
export async function startRectification(
  db: RequestDb, id: number, version: number, five: FiveInPlaceInput, deadlineChangeReason: string | null = null,
): Promise<number> {
  return act(db, id, version, HazardAction.START_RECTIFICATION, async () => {
    const [current] = await db.query<{ deadline: string | null }>('select deadline from hazards where id = $1', [id]);
    const deadline = blank(five.deadline) ? current!.deadline : five.deadline!;
    const missing = FIVE.filter(([key]) => blank(five[key])).map(([, label]) => label);
    if (deadline === null) missing.splice(3, 0, 'deadline (时限)');
    if (missing.length > 0) throw badInput(`rectification needs all five in place; missing: ${missing.join(', ')}`, 'fiveInPlace');
    if (five.fundsYuan! < 0) throw badInput('fundsYuan must not be negative', 'fundsYuan');
    if (deadline !== current!.deadline) {
      await requireDeadline(db, deadline!, 'deadline');
      if (current!.deadline !== null) await db.setLocal('deadline_reason', requireText(deadlineChangeReason, 'deadlineChangeReason'));
    }
    // Recorded in the ledger, which Chinese staff read: the default note is in Chinese.
    await db.setLocal('note', '五到位落实，开始整改');
    return [`${statusAfter(3)}, responsible_person = $4, measures = $5, funds_yuan = $6, deadline = $7, contingency_plan = $8`,
      [HazardAction.START_RECTIFICATION, five.responsiblePerson!.trim(), five.measures!.trim(), five.fundsYuan, deadline, five.contingencyPlan!.trim()]];
  });
}

/** Moves a hazard along the edge of the status flow `action` names, with the note the history records. */
async function move(db: RequestDb, id: number, version: number, action: HazardAction, note: string, noteField: string): Promise<number> {
  return act(db, id, version, action, async () => {
    await db.setLocal('note', requireText(note, noteField));
    return [statusAfter(3), [action]];
  });
}

/** RECTIFYING → AWAITING_VERIFICATION: the rectifier reports the fix done. */
export function submitRectification(db: RequestDb, id: number, version: number, note: string): Promise<number> {
  return move(db, id, version, HazardAction.SUBMIT_RECTIFICATION, note, 'note');
}

/**
 * 验收: AWAITING_VERIFICATION → CLOSED when the fix holds, back to RECTIFYING when not. Passing
 * a major hazard carries its evaluation (治理评估), which the history keeps.
 */
export async function verifyRectification(
  db: RequestDb, id: number, version: number, passed: boolean, note: string, evaluation: string | null = null,
): Promise<number> {
  const text = evaluation?.trim();
  if (text) await db.setLocal('evaluation', text);
  return passed
    ? move(db, id, version, HazardAction.VERIFY_PASS, note, 'note')
    : move(db, id, version, HazardAction.VERIFY_FAIL, note, 'note');
}

/** 回头看: a re-check found a closed hazard not fixed after all; CLOSED → RECTIFYING. */
export function reopenHazard(db: RequestDb, id: number, version: number, reason: string): Promise<number> {
  return move(db, id, version, HazardAction.REOPEN, reason, 'reason');
}

/**
 * A later deadline with a reason; the history trigger records old and new (DEADLINE_EXTENDED).
 * The database refuses a deadline that is not later (RS002), a hazard without a deadline yet
 * (it gets one by starting rectification), and the rectifying party of an overdue or listed
 * hazard (RS010).
 */
export async function extendDeadline(db: RequestDb, id: number, version: number, newDeadline: string, reason: string): Promise<number> {
  return act(db, id, version, HazardAction.EXTEND_DEADLINE, async () => {
    await db.setLocal('note', requireText(reason, 'reason'));
    await requireDeadline(db, newDeadline, 'newDeadline');
    return ['deadline = $3', [newDeadline]];
  });
}

/**
 * 公示 or its withdrawal, with the note the history records (PUBLISHED / UNPUBLISHED). A
 * hazard already in the asked state is bad input: there would be nothing to record.
 */
export async function setPublication(db: RequestDb, id: number, version: number, published: boolean, note: string): Promise<number> {
  await db.setLocal('note', requireText(note, 'note'));
  await requireAllowed(db, id, published ? HazardAction.PUBLISH : HazardAction.UNPUBLISH);
  return updateVersioned(db, { table: 'hazards', what: 'hazard', id, version }, 'published = $3', [published]);
}

/**
 * 挂牌督办: records the listing; triggers raise the hazard's listed_level and write its
 * history. The database admits only a major hazard, listed by a department or the admin in
 * scope at the listing's level or above.
 */
export async function listForSupervision(db: RequestDb, hazardId: number, listing: ListForSupervisionInput): Promise<number> {
  const texts = ['listingBody', 'rectifyingUnit', 'rectifyingHead', 'regulatingUnit', 'regulatingHead', 'supervisingOfficial'] as const;
  const [body, rectifyingUnit, rectifyingHead, regulatingUnit, regulatingHead, official] = texts.map((f) => requireText(listing[f], f, 'name'));
  await requireAllowed(db, hazardId, HazardAction.LIST_FOR_SUPERVISION);
  const [year] = await db.query<{ this_year: number }>('select extract(year from app.today())::int as this_year');
  const thisYear = year!.this_year;
  if (listing.yearListed < 2000 || listing.yearListed > thisYear) throw badInput(`yearListed must lie between 2000 and ${thisYear}`, 'yearListed');
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
