import type { RequestDb } from '../common/request-db';
import type { ChaseStep } from '../common/enums';
import type { Chase, EscalationCounts, Notification } from './chase.type';

/** A hazard_chases row as to_jsonb gives it. */
export interface ChaseRow {
  id: number;
  step: ChaseStep;
  deadline: string;
  on_day: string;
  days_overdue: number;
  issuer: string | null;
  text: string;
}

export function toChase(row: ChaseRow): Chase {
  return {
    id: String(row.id), step: row.step, deadline: row.deadline, onDay: row.on_day, daysOverdue: row.days_overdue,
    issuer: row.issuer, text: row.text,
  };
}

interface NotificationRow {
  id: number;
  hazard_id: number;
  hazard_code: string;
  chase: ChaseRow;
  created_at: Date;
  read_at: Date | null;
}

/** The viewer's inbox, newest first; row-level security keeps it to their own, in their scope. */
export async function listNotifications(db: RequestDb, unreadOnly: boolean, first: number): Promise<Notification[]> {
  const rows = await db.query<NotificationRow>(
    `select n.id, n.hazard_id, h.code as hazard_code, to_jsonb(c) as chase, n.created_at, n.read_at
     from notifications n
     join hazard_chases c on c.id = n.chase_id
     join hazards h on h.id = n.hazard_id
     where n.user_id = app.user_id() and (not $1 or n.read_at is null)
     order by n.created_at desc, n.id desc
     limit $2`,
    [unreadOnly, first]);
  return rows.map((row) => ({
    id: String(row.id), hazardId: String(row.hazard_id), hazardCode: row.hazard_code, chase: toChase(row.chase),
    createdAt: row.created_at, readAt: row.read_at,
  }));
}

export async function unreadNotificationCount(db: RequestDb): Promise<number> {
  const [row] = await db.query<{ count: number }>(
    'select count(*)::int as count from notifications where user_id = app.user_id() and read_at is null');
  return row!.count;
}

/** Marks the viewer's notifications read (the ids given, or all); answers how many changed. */
export async function markNotificationsRead(db: RequestDb, ids: number[] | null): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `update notifications set read_at = now()
     where user_id = app.user_id() and read_at is null and ($1::bigint[] is null or id = any($1::bigint[]))
     returning id`,
    [ids]);
  return rows.length;
}

/**
 * Escalations per unit in one statement, counted by the hazard's town, so a county's figure
 * holds its towns'. Keys are `code|from|to`, an empty date meaning 1 January of this year or
 * today (the database's clock, asked once); row-level security keeps them to the viewer's scope.
 */
export async function escalationCountsOf(db: RequestDb, keys: readonly string[]): Promise<EscalationCounts[]> {
  const units = keys.map((key) => key.split('|'));
  const rows = await db.query<{ i: number; written: number; letters: number; criticisms: number }>(
    `select u.i,
            count(c.id) filter (where c.step = 'WRITTEN_EXPLANATION')::int as written,
            count(c.id) filter (where c.step = 'SUPERVISION_LETTER')::int as letters,
            count(c.id) filter (where c.step = 'PUBLIC_CRITICISM')::int as criticisms
     from (select code, coalesce(nullif(f, '')::date, date_trunc('year', app.today())::date) as from_day,
                  coalesce(nullif(t, '')::date, app.today()) as to_day, i
           from unnest($1::text[], $2::text[], $3::text[]) with ordinality a(code, f, t, i)) u
     left join hazard_chases c
       on c.town_code >= app.code_prefix(u.code) collate "C" and c.town_code < (app.code_prefix(u.code) || ':') collate "C"
      and c.on_day between u.from_day and u.to_day
      and c.step in ('WRITTEN_EXPLANATION', 'SUPERVISION_LETTER', 'PUBLIC_CRITICISM')
     group by u.i order by u.i`,
    [units.map((u) => u[0]), units.map((u) => u[1]), units.map((u) => u[2])]);
  return rows.map((row) => ({ writtenExplanations: row.written, supervisionLetters: row.letters, publicCriticisms: row.criticisms }));
}
