import type pg from 'pg';

// Shared by the chase's database, API, job and browser tests: the sweep on a controlled
// clock (its on_day), and what it left.

type Db = pg.Pool | pg.PoolClient;

/** The day `days` after a 'YYYY-MM-DD' date. */
export function dayAfter(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** app.chase_sweep on `onDay` for the given hazards only (other tests' and the demo's are left alone); how many steps it took. */
export async function sweep(db: Db, hazardIds: string[], onDay: string): Promise<number> {
  const { rows: [row] } = await db.query('select app.chase_sweep($1::date, $2::bigint[]) as made', [onDay, hazardIds]);
  return row.made;
}

export interface ChaseRow {
  id: number;
  step: string;
  days_before: number;
  deadline: string;
  on_day: string;
  issuer: string | null;
  listing_id: number | null;
  text: string;
}

/** A hazard's chases, oldest first. */
export async function chasesOf(db: Db, hazardId: string): Promise<ChaseRow[]> {
  const { rows } = await db.query<ChaseRow>(
    `select id, step, days_before, deadline, on_day, issuer, listing_id, text from hazard_chases where hazard_id = $1 order by id`, [hazardId]);
  return rows;
}

/** The hazard's deadline and today (app.today()). */
export async function deadlineOf(db: Db, hazardId: string): Promise<{ deadline: string; today: string }> {
  const { rows: [row] } = await db.query('select deadline, app.today() as today from hazards where id = $1', [hazardId]);
  return row;
}
