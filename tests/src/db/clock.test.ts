import type pg from 'pg';
import { readyTestPool, rolledBack } from '../support/db';

/** The deployment's date at a moment, as the database computes it in a session set to UTC. */
async function dateAt(client: pg.PoolClient, moment: string): Promise<string> {
  const { rows } = await client.query<{ day: string }>('select app.date_at($1::timestamptz) as day', [moment]);
  return rows[0]!.day;
}

async function overdueAt(client: pg.PoolClient, deadline: string, moment: string): Promise<boolean> {
  const { rows } = await client.query<{ overdue: boolean }>(
    `select hazard_is_overdue_on('RECTIFYING', $1::date, app.date_at($2::timestamptz)) as overdue`, [deadline, moment]);
  return rows[0]!.overdue;
}

describe('one clock: today is the date in the deployment\'s time zone', () => {
  let pool: pg.Pool;
  beforeAll(async () => { pool = await readyTestPool(); });
  afterAll(() => pool.end());

  it('switches overdue at Beijing midnight although the database session runs in UTC', () =>
    rolledBack(pool, async (client) => {
      await client.query(`set local timezone = 'UTC'`);
      expect((await client.query('select app.time_zone() as tz')).rows[0].tz).toBe('Asia/Shanghai');
      // 23:59:59 and 00:00:00 in Beijing are 15:59:59 and 16:00:00 UTC of the day before.
      expect(await dateAt(client, '2026-11-30T15:59:59Z')).toBe('2026-11-30');
      expect(await dateAt(client, '2026-11-30T16:00:00Z')).toBe('2026-12-01');
      expect(await overdueAt(client, '2026-11-30', '2026-11-30T15:59:59Z')).toBe(false);
      expect(await overdueAt(client, '2026-11-30', '2026-11-30T16:00:00Z')).toBe(true);
      // At 08:00 Beijing time the UTC date changes; the deployment's date does not.
      expect(await overdueAt(client, '2026-11-30', '2026-11-30T23:59:59Z')).toBe(true);
      expect(await overdueAt(client, '2026-12-01', '2026-12-01T00:00:00Z')).toBe(false);
    }));

  it('takes today from the deployment\'s time zone, not the session\'s', () =>
    rolledBack(pool, async (client) => {
      await client.query(`set local timezone = 'UTC'`);
      const shanghai = (await client.query(`select (now() at time zone 'Asia/Shanghai')::date as day, app.today() as today`)).rows[0];
      expect(shanghai.today).toBe(shanghai.day);
      // Kiritimati (UTC+14) and Pago Pago (UTC−11) are always on different dates.
      await client.query(`update app.deployment set time_zone = 'Pacific/Kiritimati'`);
      const east = (await client.query('select app.today() as today')).rows[0].today;
      await client.query(`update app.deployment set time_zone = 'Pacific/Pago_Pago'`);
      const west = (await client.query('select app.today() as today')).rows[0].today;
      expect(east > west).toBe(true);
    }));

  it('refuses a time zone the database does not know', () =>
    rolledBack(pool, async (client) => {
      await expect(client.query(`update app.deployment set time_zone = 'Mars/Olympus_Mons'`)).rejects.toMatchObject({ code: '23514' });
    }));

  it('serves the deployment\'s today to clients and uses it for hazards\' overdue state', () =>
    rolledBack(pool, async (client) => {
      const { rows } = await client.query(
        `select count(*) filter (where hazard_is_overdue(status, deadline)
                                  is distinct from (deadline < (now() at time zone 'Asia/Shanghai')::date
                                                    and status in ('REPORTED', 'RECTIFYING'))) as differ
         from hazards where deadline is not null`);
      expect(Number(rows[0].differ)).toBe(0);
    }));
});
