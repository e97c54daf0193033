import { badInput } from '../common/errors';
import { parseId, recordNote, requireHappened, requireText, requireVisible, toLngLat, updateVersioned } from '../common/mutation';
import type { RequestDb } from '../common/request-db';
import type { CreateAccidentInput, UpdateAccidentInput } from './accident.mutation-input';

function checkCounts(input: { deaths?: number | null; seriousInjuries?: number | null; directLossYuan?: number | null }): void {
  for (const field of ['deaths', 'seriousInjuries', 'directLossYuan'] as const) {
    const value = input[field];
    if (value != null && value < 0) throw badInput(`${field} must not be negative`, field);
  }
}

/**
 * Refuses a report time in the future or before the accident, with the field named; the
 * database refuses both too (accidents_reported_after_occurrence, app.check_accident_report).
 * "Now" is the database's clock, the one the late-report rule reads. The occurrence is the
 * given one, else the accident's current one.
 */
async function checkReportedAt(db: RequestDb, reportedAt: Date | null | undefined, occurredAt: Date | null | undefined, id: number | null): Promise<void> {
  if (reportedAt == null) return;
  const [row] = await db.query<{ future: boolean; early: boolean | null }>(
    `select $1::timestamptz > now() as future,
            $1::timestamptz < coalesce($2::timestamptz, (select occurred_at from accidents where id = $3)) as early`,
    [reportedAt, occurredAt ?? null, id]);
  if (row!.future) throw badInput('reportedAt lies in the future', 'reportedAt');
  if (row!.early) throw badInput('reportedAt lies before the accident occurred', 'reportedAt');
}

/**
 * Inserts an accident; the town is derived from the location when not given. An enterprise
 * outside the viewer's scope is answered as an unknown one (NOT_FOUND), so that ids cannot
 * be probed; the database refuses the link too (accidents_insert).
 */
export async function createAccident(db: RequestDb, input: CreateAccidentInput): Promise<number> {
  checkCounts(input);
  const [lng, lat] = toLngLat(input.location);
  const enterpriseId = input.enterpriseId == null ? null : parseId(input.enterpriseId, 'enterpriseId');
  const description = requireText(input.description, 'description', 'description');
  await requireHappened(db, input.occurredAt, 'occurredAt');
  if (enterpriseId !== null) await requireVisible(db, 'enterprises', enterpriseId, 'enterprise');
  await checkReportedAt(db, input.reportedAt, input.occurredAt, null);
  await recordNote(db, input.note);
  const [row] = await db.query<{ id: number }>(
    `insert into accidents (occurred_at, location, town_code, sector, enterprise_id, description, deaths,
       serious_injuries, direct_loss_yuan, reported_at)
     values ($1, st_setsrid(st_makepoint($2, $3), 4326), $4, $5, $6, $7, coalesce($8, 0), coalesce($9, 0), coalesce($10, 0), $11)
     returning id`,
    [input.occurredAt, lng, lat, input.townCode ?? null, input.sector, enterpriseId, description, input.deaths ?? null,
      input.seriousInjuries ?? null, input.directLossYuan ?? null, input.reportedAt ?? null]);
  return row!.id;
}

/**
 * Changes the given fields; a new location without a town has its town derived again. A
 * change of the counts or the loss is a supplementary report (补报): the history trigger
 * records it with the viewer and the note.
 */
export async function updateAccident(db: RequestDb, id: number, input: UpdateAccidentInput): Promise<number> {
  checkCounts(input);
  const point = input.location ? toLngLat(input.location) : null;
  if (input.occurredAt != null) await requireHappened(db, input.occurredAt, 'occurredAt');
  await checkReportedAt(db, input.reportedAt, input.occurredAt, id);
  await recordNote(db, input.note);
  return updateVersioned(db, { table: 'accidents', what: 'accident', id, version: input.version },
    `occurred_at = coalesce($3, occurred_at),
     location = coalesce(st_setsrid(st_makepoint($4, $5), 4326), location),
     town_code = case when $4::float8 is null then coalesce($6, town_code) else $6 end,
     sector = coalesce($7, sector), description = coalesce($8, description), deaths = coalesce($9, deaths),
     serious_injuries = coalesce($10, serious_injuries), direct_loss_yuan = coalesce($11, direct_loss_yuan),
     reported_at = coalesce($12, reported_at)`,
    [input.occurredAt ?? null, point?.[0] ?? null, point?.[1] ?? null, input.townCode ?? null, input.sector ?? null,
      input.description == null ? null : requireText(input.description, 'description', 'description'), input.deaths ?? null,
      input.seriousInjuries ?? null, input.directLossYuan ?? null, input.reportedAt ?? null]);
}
