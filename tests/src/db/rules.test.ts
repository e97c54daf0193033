import type pg from 'pg';
import { attempt, rolledBack, testPool } from '../support/db';

const STATUSES = ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED'] as const;
const LEGAL: ReadonlyArray<readonly [string, string]> = [
  ['REPORTED', 'RECTIFYING'],
  ['RECTIFYING', 'AWAITING_VERIFICATION'],
  ['AWAITING_VERIFICATION', 'CLOSED'],
  ['AWAITING_VERIFICATION', 'RECTIFYING'],
  ['CLOSED', 'RECTIFYING'],
];
const isLegal = (from: string, to: string) => LEGAL.some(([f, t]) => f === from && t === to);

/**
 * A general demo hazard in the given status with its five-in-place fields filled, so that
 * only the status flow decides whether a transition passes (a major one would also need its
 * evaluation to close: docs/closed-loop.md).
 */
async function hazardIn(client: pg.PoolClient, status: string): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `select id from hazards where status = $1 and deadline is not null and level = 'GENERAL' order by id limit 1`, [status]);
  if (!rows[0]) throw new Error(`the demo data has no hazard in ${status}`);
  await client.query(
    `update hazards set responsible_person = coalesce(responsible_person, '张伟'),
                        measures = coalesce(measures, '更换破损设备'), funds_yuan = coalesce(funds_yuan, 5000),
                        contingency_plan = coalesce(contingency_plan, '设置警戒区')
     where id = $1`, [rows[0].id]);
  return rows[0].id;
}

describe('the database itself', () => {
  let pool: pg.Pool;
  beforeAll(() => { pool = testPool(); });
  afterAll(() => pool.end());

  it('allows every legal status transition and records who, when, from, to and the note', () =>
    rolledBack(pool, async (client) => {
      await client.query(`select set_config('app.user_id', '42', true), set_config('app.note', 'checked on site', true)`);
      for (const [from, to] of LEGAL) {
        const id = await hazardIn(client, from);
        expect(await attempt(client, 'update hazards set status = $2 where id = $1', [id, to])).toBe('ok');
        const { rows } = await client.query(
          `select event, from_status, to_status, actor_id, note from hazard_history
           where hazard_id = $1 order by id desc limit 1`, [id]);
        expect(rows[0]).toEqual({ event: 'TRANSITION', from_status: from, to_status: to, actor_id: 42, note: 'checked on site' });
      }
    }));

  it('refuses every illegal status transition', () =>
    rolledBack(pool, async (client) => {
      let refused = 0;
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          if (from === to || isLegal(from, to)) continue;
          const id = await hazardIn(client, from);
          expect({ from, to, code: await attempt(client, 'update hazards set status = $2 where id = $1', [id, to]) })
            .toEqual({ from, to, code: 'RS001' });
          refused += 1;
        }
      }
      expect(refused).toBe(7);
    }));

  it('sets closed_at when a hazard is closed and clears it when reopened', () =>
    rolledBack(pool, async (client) => {
      const id = await hazardIn(client, 'AWAITING_VERIFICATION');
      await client.query(`update hazards set status = 'CLOSED' where id = $1`, [id]);
      expect((await client.query('select closed_at from hazards where id = $1', [id])).rows[0].closed_at).not.toBeNull();
      await client.query(`update hazards set status = 'RECTIFYING' where id = $1`, [id]);
      expect((await client.query('select closed_at from hazards where id = $1', [id])).rows[0].closed_at).toBeNull();
    }));

  it('refuses rectification without the five in place', () =>
    rolledBack(pool, async (client) => {
      const { rows } = await client.query<{ id: number }>(
        `select id from hazards where status = 'REPORTED' and measures is null limit 1`);
      expect(await attempt(client, `update hazards set status = 'RECTIFYING' where id = $1`, [rows[0]!.id])).toBe('23514');
    }));

  it('extends a deadline only later and only with a reason, and records the extension', () =>
    rolledBack(pool, async (client) => {
      const id = await hazardIn(client, 'RECTIFYING');
      expect(await attempt(client, `update hazards set deadline = deadline + 30 where id = $1`, [id])).toBe('RS002');
      await client.query(`select set_config('app.note', 'equipment on order', true)`);
      expect(await attempt(client, `update hazards set deadline = deadline - 1 where id = $1`, [id])).toBe('RS002');
      expect(await attempt(client, `update hazards set deadline = deadline + 30 where id = $1`, [id])).toBe('ok');
      const { rows } = await client.query(
        `select event, note, new_deadline - old_deadline as days from hazard_history where hazard_id = $1 order by id desc limit 1`, [id]);
      expect(rows[0]).toEqual({ event: 'DEADLINE_EXTENDED', note: 'equipment on order', days: 30 });
    }));

  it('counts a new deadline at the start of rectification as an extension: later, with a reason, recorded as such', () =>
    rolledBack(pool, async (client) => {
      const { rows } = await client.query<{ id: number; deadline: string }>(
        `select id, deadline from hazards where status = 'REPORTED' and deadline is not null order by id limit 1`);
      const { id, deadline } = rows[0]!;
      const start = `update hazards set status = 'RECTIFYING', responsible_person = '王芳', measures = '加装护栏', funds_yuan = 2000,
                                        contingency_plan = '设置警示标志', deadline = $2::date + $3::int
                     where id = $1`;
      expect(await attempt(client, start, [id, deadline, 3])).toBe('RS002');
      await client.query(`select set_config('app.deadline_reason', '材料供应延迟', true)`);
      expect(await attempt(client, start, [id, deadline, -3])).toBe('RS002');
      expect(await attempt(client, start, [id, deadline, 3])).toBe('ok');
      const history = await client.query(
        `select event, note, old_deadline, new_deadline = old_deadline + 3 as later from hazard_history
         where hazard_id = $1 and event <> 'CREATED' order by id`, [id]);
      expect(history.rows).toEqual([
        { event: 'TRANSITION', note: null, old_deadline: deadline, later: true },
        { event: 'DEADLINE_EXTENDED', note: '材料供应延迟', old_deadline: deadline, later: true },
      ]);
    }));

  it('lets an enterprise user record its rectification but not rewrite its hazard or extend its deadline', () =>
    rolledBack(pool, async (client) => {
      const { rows } = await client.query<{ id: number; enterprise_id: number; town_code: string }>(
        `select id, enterprise_id, town_code from hazards
         where status = 'RECTIFYING' and enterprise_id is not null and level = 'MAJOR' and listed_level is null
         order by id limit 1`);
      const { id, enterprise_id: enterprise, town_code: town } = rows[0]!;
      await client.query(
        `select set_config('role', 'app_user', true), set_config('app.role', 'enterprise', true),
                set_config('app.enterprise_id', $1, true), set_config('app.scope_prefix', $2, true),
                set_config('app.note', 'waiting for parts', true)`, [String(enterprise), town]);
      expect(await attempt(client, `update hazards set measures = '更换阀门并加装泄漏报警' where id = $1`, [id])).toBe('ok');
      expect(await attempt(client, `update hazards set level = 'GENERAL' where id = $1`, [id])).toBe('42501');
      expect(await attempt(client, `update hazards set published = not published where id = $1`, [id])).toBe('42501');
      expect(await attempt(client, `update hazards set deadline = deadline + 60 where id = $1`, [id])).toBe('42501');
      expect(await attempt(client, `update hazards set status = 'AWAITING_VERIFICATION' where id = $1`, [id])).toBe('ok');
    }));

  it('refuses to update, delete or truncate hazard history', () =>
    rolledBack(pool, async (client) => {
      const { rows } = await client.query<{ id: number }>('select id from hazard_history order by id limit 1');
      const id = rows[0]!.id;
      expect(await attempt(client, `update hazard_history set note = 'rewritten' where id = $1`, [id])).toBe('RS004');
      expect(await attempt(client, 'delete from hazard_history where id = $1', [id])).toBe('RS004');
      expect(await attempt(client, 'truncate hazard_history cascade')).toBe('RS004');
    }));

  it('validates the check character of unified social credit codes', () =>
    rolledBack(pool, async (client) => {
      const { rows } = await client.query(
        `select app.is_valid_credit_code('91350100M000100Y43') as valid,
                app.is_valid_credit_code('91350100M000100Y44') as wrong_check,
                app.is_valid_credit_code('91350100M000100Y4') as short,
                app.is_valid_credit_code('91350100M0001O0Y43') as bad_letter`);
      expect(rows[0]).toEqual({ valid: true, wrong_check: false, short: false, bad_letter: false });
      const town = (await client.query(`select code from jurisdictions where level = 'town' order by code limit 1`)).rows[0].code;
      const insert = `insert into enterprises (name, credit_code, sector, location, town_code, risk_level)
                      values ('测试企业', $1, 'FIRE_SAFETY',
                              (select st_pointonsurface(boundary) from jurisdictions where code = $2), $2, 'BLUE')`;
      expect(await attempt(client, insert, ['91350100M000100Y44', town])).toBe('23514');
      expect(await attempt(client, insert, ['91350100M000100Y43', town])).toBe('ok');
    }));

  it('derives the town from a location and refuses a location outside the given town', () =>
    rolledBack(pool, async (client) => {
      const towns = (await client.query<{ code: string; lng: number; lat: number }>(
        `select code, st_x(st_pointonsurface(boundary)) as lng, st_y(st_pointonsurface(boundary)) as lat
         from jurisdictions where level = 'town' order by code limit 2`)).rows;
      const [a, b] = [towns[0]!, towns[1]!];
      const insert = `insert into hazards (code, description, level, sector, source, location, town_code, found_at)
                      values ($1, '消防通道堵塞', 'GENERAL', 'FIRE_SAFETY', 'SUPERVISION',
                              st_setsrid(st_makepoint($2, $3), 4326), $4, now()) returning town_code`;
      const derived = await client.query(insert, ['T-DERIVED', a.lng, a.lat, null]);
      expect(derived.rows[0].town_code).toBe(a.code);
      expect(await attempt(client, insert, ['T-OUTSIDE', b.lng, b.lat, a.code])).toBe('RS003');
      expect(await attempt(client, insert, ['T-NOWHERE', 100, 10, null])).toBe('RS003');
      const history = await client.query(
        `select event, to_status from hazard_history where hazard_id = (select id from hazards where code = 'T-DERIVED')`);
      expect(history.rows).toEqual([{ event: 'CREATED', to_status: 'REPORTED' }]);
    }));

  it('shows a town official nothing of another town, even with a query that asks for it', () =>
    rolledBack(pool, async (client) => {
      const towns = (await client.query<{ town_code: string }>(
        'select town_code from hazards group by town_code order by count(*) desc limit 2')).rows;
      const [mine, other] = [towns[0]!.town_code, towns[1]!.town_code];
      await client.query(
        `select set_config('role', 'app_user', true), set_config('app.role', 'town', true),
                set_config('app.scope_prefix', $1, true)`, [mine]);
      const seen = await client.query<{ town_code: string; n: number }>(
        'select town_code, count(*)::int as n from hazards group by town_code');
      expect(seen.rows.map((r) => r.town_code)).toEqual([mine]);
      const leaked = await client.query('select count(*)::int as n from hazards where town_code = $1', [other]);
      expect(leaked.rows[0].n).toBe(0);
      // measures: a column app_user may update at all (the others are refused outright).
      const changed = await client.query(`update hazards set measures = 'x' where town_code = $1`, [other]);
      expect(changed.rowCount).toBe(0);
    }));
});
