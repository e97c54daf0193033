import type { RequestDb } from '../common/request-db';

/** Today in the deployment's time zone, from the database's one clock (app.today()). */
export async function today(db: RequestDb): Promise<string> {
  const [row] = await db.query<{ today: string }>('select app.today() as today');
  return row!.today;
}
