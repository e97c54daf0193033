import type pg from 'pg';
import type { Place } from './closed-loop';

/** A history row: days from now (negative: past), deadlines as days from today. */
type Step = [event: string, from: string | null, to: string, days: number, oldDeadline?: number, newDeadline?: number];

/**
 * Hazards late more than once, each with the status and deadline its history ends with:
 * - overdue, extended after it went overdue, overdue again, submitted and closed late,
 *   reopened (overdue at once), closed late again, reopened and overdue now;
 * - overdue, then extended to a deadline still to come: its running stretch is overdue only
 *   from a moment after now.
 */
const LIVES: { status: string; deadline: number; history: Step[] }[] = [
  {
    status: 'RECTIFYING', deadline: -120, history: [
      ['CREATED', null, 'REPORTED', -200, undefined, -180],
      ['TRANSITION', 'REPORTED', 'RECTIFYING', -190],
      ['DEADLINE_EXTENDED', 'RECTIFYING', 'RECTIFYING', -150, -180, -120],
      ['TRANSITION', 'RECTIFYING', 'AWAITING_VERIFICATION', -100],
      ['TRANSITION', 'AWAITING_VERIFICATION', 'CLOSED', -95],
      ['TRANSITION', 'CLOSED', 'RECTIFYING', -60],
      ['TRANSITION', 'RECTIFYING', 'AWAITING_VERIFICATION', -40],
      ['TRANSITION', 'AWAITING_VERIFICATION', 'CLOSED', -35],
      ['TRANSITION', 'CLOSED', 'RECTIFYING', -20],
    ],
  },
  {
    status: 'RECTIFYING', deadline: 10, history: [
      ['CREATED', null, 'REPORTED', -90, undefined, -60],
      ['TRANSITION', 'REPORTED', 'RECTIFYING', -85],
      ['DEADLINE_EXTENDED', 'RECTIFYING', 'RECTIFYING', -30, -60, 10],
    ],
  },
];

/**
 * Writes the hazards of LIVES at the place, with their back-dated history, as the owner
 * under the replica role (the history's append-only guard held back, as a bulk load does;
 * the lateness triggers still run). Returns their ids.
 */
export async function severalTimesLate(client: pg.PoolClient, place: Place): Promise<string[]> {
  const ids: string[] = [];
  await client.query('set local session_replication_role = replica');
  for (const life of LIVES) {
    const { rows: [row] } = await client.query<{ id: string }>(
      `insert into hazards (code, description, level, sector, source, place_name, location, town_code, found_at,
                            responsible_person, measures, funds_yuan, deadline, contingency_plan, status)
       values ('LATE-' || md5(random()::text), '多次超期隐患', 'GENERAL', $1, 'SUPERVISION', '农贸市场',
               st_setsrid(st_makepoint($2, $3), 4326), $4, now() + $5 * interval '1 day',
               '张伟', '更换破损设备', 100, app.today() + $6::int, '设置警戒区', $7)
       returning id`,
      [place.sector, place.lng, place.lat, place.townCode, life.history[0]![3], life.deadline, life.status]);
    await client.query(
      `insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, old_deadline, new_deadline)
       select h.id, h.town_code, h.sector, s.event, s.from_status::hazard_status, s.to_status::hazard_status,
              now() + s.days * interval '1 day', app.today() + s.old_deadline, app.today() + s.new_deadline
       from hazards h, jsonb_to_recordset($2::jsonb) as s (event text, from_status text, to_status text, days int, old_deadline int, new_deadline int)
       where h.id = $1`,
      [row!.id, JSON.stringify(life.history.map(([event, from, to, days, oldDeadline, newDeadline]) =>
        ({ event, from_status: from, to_status: to, days, old_deadline: oldDeadline ?? null, new_deadline: newDeadline ?? null })))]);
    ids.push(row!.id);
  }
  await client.query('set local session_replication_role = origin');
  return ids;
}
