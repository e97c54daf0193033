import type pg from 'pg';
import { attempt, rolledBack, testPool, whenFree } from '../support/db';
import { testPlace, KINDS, kindHazard, RANK, type Kind, type Place, type Status } from '../support/closed-loop';

// The closed loop at the database itself, as app_user with a request's settings: what psql
// or any client meets, whatever the api checks first.

interface Persona {
  name: string;
  role: 'admin' | 'leader' | 'inspector' | 'town' | 'enterprise';
  /** The scope prefix of the jurisdiction. */
  prefix: (place: Place) => string;
  /** 0 town or enterprise, 1 county, 2 city, 3 province, 4 admin. */
  rank: number;
}

const PERSONAS: readonly Persona[] = [
  { name: 'the administrator', role: 'admin', prefix: () => '', rank: 4 },
  { name: 'a provincial inspector', role: 'inspector', prefix: (p) => p.townCode.slice(0, 2), rank: 3 },
  { name: 'a city inspector', role: 'inspector', prefix: (p) => p.townCode.slice(0, 4), rank: 2 },
  { name: 'a county inspector', role: 'inspector', prefix: (p) => p.townCode.slice(0, 6), rank: 1 },
  { name: 'a town inspector', role: 'inspector', prefix: (p) => p.townCode, rank: 0 },
  { name: 'a town official', role: 'town', prefix: (p) => p.townCode, rank: 0 },
  { name: 'the enterprise', role: 'enterprise', prefix: (p) => p.townCode, rank: 0 },
  { name: 'a city leader', role: 'leader', prefix: (p) => p.townCode.slice(0, 4), rank: 2 },
];

type Action = 'START' | 'SUBMIT' | 'PASS' | 'FAIL' | 'REOPEN' | 'EXTEND' | 'LIST';
const FROM: Record<Action, Status[]> = {
  START: ['REPORTED'], SUBMIT: ['RECTIFYING'], PASS: ['AWAITING_VERIFICATION'], FAIL: ['AWAITING_VERIFICATION'],
  REOPEN: ['CLOSED'], EXTEND: ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION'], LIST: ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION'],
};
const SQL: Record<Action, string> = {
  START: `update hazards set status = 'RECTIFYING' where id = $1`,
  SUBMIT: `update hazards set status = 'AWAITING_VERIFICATION' where id = $1`,
  PASS: `update hazards set status = 'CLOSED' where id = $1`,
  FAIL: `update hazards set status = 'RECTIFYING' where id = $1`,
  REOPEN: `update hazards set status = 'RECTIFYING' where id = $1`,
  EXTEND: `update hazards set deadline = deadline + 30 where id = $1`,
  LIST: `insert into listed_supervisions (hazard_id, level, listing_body, rectifying_unit, rectifying_head, regulating_unit,
           regulating_head, supervising_official, deadline, year_listed)
         values ($1, 'COUNTY', '县安委会', 'a', 'b', 'c', 'd', 'e', app.today() + 30, 2026)`,
};

/**
 * What the rules (docs/closed-loop.md) say happens: 'ok', 'none' (row-level security hides
 * the row from the update: nothing changes) or the SQLSTATE. The hazards are about the
 * enterprise, in the town of every persona's scope and of the inspectors' sector.
 */
function expected(p: Persona, kind: Kind, action: Action): string {
  const writer = p.role === 'admin' || p.role === 'inspector' || p.role === 'town';
  const listedRank = Math.max(0, ...kind.listed.map((l) => RANK[l]));
  if (p.role === 'leader') return action === 'LIST' ? '42501' : 'none';
  if (p.role === 'enterprise') {
    if (action === 'START' || action === 'SUBMIT') return 'ok';
    return action === 'PASS' || action === 'FAIL' ? 'RS005' : '42501';
  }
  if (!writer) return 'none';
  switch (action) {
    case 'PASS': case 'FAIL':
      if (kind.level === 'MAJOR' && p.role === 'town') return 'RS006';
      if (action === 'PASS' && p.rank < listedRank) return 'RS008';
      return 'ok';
    case 'LIST':
      if (p.role === 'town') return '42501';
      if (kind.level !== 'MAJOR') return 'RS009';
      if (p.rank < 1) return 'RS008';
      // Listing at the county, or anywhere when one's own level is already listed, adds nothing.
      return kind.listed.includes('COUNTY') || listedRank >= Math.min(p.rank, 3) ? '23505' : 'ok';
    default:
      return 'ok';
  }
}

/** Runs `sql` as the persona under a savepoint that is always rolled back: 'ok', 'none' or the SQLSTATE. */
async function as(client: pg.PoolClient, p: Persona, place: Place, userId: number, sql: string, values: unknown[]): Promise<string> {
  await client.query('savepoint attempt');
  try {
    await actAs(client, p, place, userId);
    const result = await client.query(sql, values);
    return result.rowCount === 0 ? 'none' : 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  } finally {
    await client.query('rollback to savepoint attempt');
  }
}

async function actAs(client: pg.PoolClient, p: Persona, place: Place, userId: number, note = '验收意见'): Promise<void> {
  await client.query(
    `select set_config('role', 'app_user', true), set_config('app.role', $1, true), set_config('app.scope_prefix', $2, true),
            set_config('app.sectors', $3, true), set_config('app.enterprise_id', $4, true), set_config('app.user_id', $5, true),
            set_config('app.note', $6, true), set_config('app.evaluation', '第三方评估：整改到位', true)`,
    [p.role, p.prefix(place), p.role === 'inspector' ? place.sector : '', p.role === 'enterprise' ? String(place.enterpriseId) : '',
      String(userId), note]);
}

/** Back to the owner, with no request settings, inside the same transaction. */
async function asOwner(client: pg.PoolClient): Promise<void> {
  await client.query(
    `select set_config('role', 'none', true), set_config('app.role', '', true), set_config('app.user_id', '', true),
            set_config('app.note', '', true), set_config('app.evaluation', '', true), set_config('app.deadline_reason', '', true)`);
}

const persona = (name: string): Persona => PERSONAS.find((p) => p.name === name)!;

describe('the closed loop in the database', () => {
  let pool: pg.Pool;
  let place: Place;
  beforeAll(async () => {
    pool = testPool();
    place = await whenFree(() => testPlace(pool));
  });
  afterAll(() => pool.end());

  it('refuses or allows every role × action × kind of hazard as docs/closed-loop.md says, each refusal with its SQLSTATE', () =>
    rolledBack(pool, async (client) => {
      const seen: string[] = [];
      const want: string[] = [];
      for (const kind of KINDS) {
        for (const action of Object.keys(SQL) as Action[]) {
          for (const from of FROM[action]) {
            const id = await kindHazard(client, place, kind, from);
            PERSONAS.forEach((p, i) => {
              want.push(`${p.name} ${action} ${kind.name} from ${from}: ${expected(p, kind, action)}`);
              seen.push(`${p.name} ${action} ${kind.name} from ${from}: ?${i}`);
            });
            for (const [i, p] of PERSONAS.entries()) {
              const outcome = await as(client, p, place, 9000 + i, SQL[action], [id]);
              seen[seen.length - PERSONAS.length + i] = `${p.name} ${action} ${kind.name} from ${from}: ${outcome}`;
            }
          }
        }
      }
      expect(seen).toEqual(want);
    }));

  it('refuses every action outside the status flow with RS001, for every role that may write', () =>
    rolledBack(pool, async (client) => {
      const id = await kindHazard(client, place, KINDS[0]!, 'CLOSED');
      for (const p of PERSONAS.filter((x) => x.role === 'admin' || x.role === 'town')) {
        expect(await as(client, p, place, 1, `update hazards set status = 'AWAITING_VERIFICATION' where id = $1`, [id])).toBe('RS001');
        expect(await as(client, p, place, 1, SQL.EXTEND, [id])).toBe('RS001');
      }
    }));

  it('lets nobody verify a rectification they started or submitted, and the enterprise never its own', () =>
    rolledBack(pool, async (client) => {
      const town = persona('a town official');
      const id = await kindHazard(client, place, KINDS[0]!, 'REPORTED');
      await actAs(client, town, place, 501);
      await client.query(SQL.START, [id]);
      await client.query(SQL.SUBMIT, [id]);
      await asOwner(client);
      expect(await as(client, town, place, 501, SQL.PASS, [id])).toBe('RS005');
      expect(await as(client, town, place, 501, SQL.FAIL, [id])).toBe('RS005');
      expect(await as(client, persona('the enterprise'), place, 502, SQL.PASS, [id])).toBe('RS005');
      expect(await as(client, town, place, 503, SQL.PASS, [id])).toBe('ok');

      // A failed check continues the cycle: its starter still may not verify it; the one
      // who failed it may, as they neither started nor submitted it.
      await actAs(client, town, place, 503);
      await client.query(SQL.FAIL, [id]);
      await actAs(client, persona('the enterprise'), place, 502);
      await client.query(SQL.SUBMIT, [id]);
      await asOwner(client);
      expect(await as(client, town, place, 501, SQL.PASS, [id])).toBe('RS005');
      expect(await as(client, town, place, 503, SQL.PASS, [id])).toBe('ok');
    }));

  it('has a major hazard verified by its sector\'s department or county level and above, passing with an evaluation the history keeps', () =>
    rolledBack(pool, async (client) => {
      const major = KINDS[1]!;
      const id = await kindHazard(client, place, major, 'AWAITING_VERIFICATION');
      expect(await as(client, persona('a town official'), place, 601, SQL.PASS, [id])).toBe('RS006');
      expect(await as(client, persona('a town inspector'), place, 602, SQL.PASS, [id])).toBe('ok');
      await actAs(client, persona('a county inspector'), place, 603);
      await client.query(`select set_config('app.evaluation', '', true)`);
      await client.query('savepoint no_evaluation');
      await expect(client.query(SQL.PASS, [id])).rejects.toMatchObject({ code: 'RS007' });
      await client.query('rollback to savepoint no_evaluation');
      await client.query(`select set_config('app.evaluation', '安全评价机构评估报告 2026-031 号', true)`);
      await client.query(SQL.PASS, [id]);
      await asOwner(client);
      const { rows } = await client.query(
        `select to_status, evaluation from hazard_history where hazard_id = $1 order by id desc limit 1`, [id]);
      expect(rows[0]).toEqual({ to_status: 'CLOSED', evaluation: '安全评价机构评估报告 2026-031 号' });
    }));

  it('closes a listed hazard only at its listing level or above (谁挂牌、谁销号), and lists only major hazards at one\'s own level', () =>
    rolledBack(pool, async (client) => {
      const id = await kindHazard(client, place, KINDS[3]!, 'AWAITING_VERIFICATION');
      expect(await as(client, persona('a county inspector'), place, 701, SQL.PASS, [id])).toBe('RS008');
      expect(await as(client, persona('a county inspector'), place, 701, SQL.FAIL, [id])).toBe('ok');
      expect(await as(client, persona('a city inspector'), place, 702, SQL.PASS, [id])).toBe('ok');

      const major = await kindHazard(client, place, KINDS[1]!, 'RECTIFYING');
      const listAt = (level: string) => SQL.LIST.replace(`'COUNTY'`, `'${level}'`);
      expect(await as(client, persona('a county inspector'), place, 703, listAt('CITY'), [major])).toBe('RS008');
      expect(await as(client, persona('a city inspector'), place, 704, listAt('CITY'), [major])).toBe('ok');

      const listed = await kindHazard(client, place, KINDS[2]!, 'RECTIFYING');
      // No client of the app role writes a hazard's level (column grants: the level is no
      // path's to change); even the owner may not make a listed hazard general.
      expect(await as(client, persona('a county inspector'), place, 705, `update hazards set level = 'GENERAL' where id = $1`, [listed]))
        .toBe('42501');
      await asOwner(client);
      expect(await attempt(client, `update hazards set level = 'GENERAL' where id = $1`, [listed])).toBe('RS009');
      const general = await kindHazard(client, place, KINDS[0]!, 'RECTIFYING');
      expect(await as(client, persona('the administrator'), place, 706, SQL.LIST, [general])).toBe('RS009');
    }));

  it('treats every deadline change after registration as an extension: later, with a reason, and kept in the history', () =>
    rolledBack(pool, async (client) => {
      const county = persona('a county inspector');
      const id = await kindHazard(client, place, KINDS[0]!, 'REPORTED', { deadlineDays: 10 });
      const start = `update hazards set status = 'RECTIFYING', deadline = deadline + $2::int where id = $1`;
      expect(await as(client, county, place, 801, start, [id, 20])).toBe('RS002');
      await client.query(`select set_config('app.deadline_reason', '设备采购周期长', true)`);
      expect(await as(client, county, place, 801, start, [id, -3])).toBe('RS002');
      expect(await as(client, county, place, 801, start, [id, 20])).toBe('ok');
      await actAs(client, county, place, 801, '五到位落实，开始整改');
      await client.query(start, [id, 20]);
      await asOwner(client);
      const { rows } = await client.query(
        `select event, note, new_deadline - old_deadline as days, new_deadline = app.today() + 30 as current
         from hazard_history where hazard_id = $1 and event <> 'CREATED' order by id`, [id]);
      expect(rows).toEqual([
        { event: 'TRANSITION', note: '五到位落实，开始整改', days: 20, current: true },
        { event: 'DEADLINE_EXTENDED', note: '设备采购周期长', days: 20, current: true },
      ]);
      // The deadline valid at a moment: the latest history row at or before it that carries one.
      const { rows: [valid] } = await client.query(
        `select (select new_deadline from hazard_history where hazard_id = $1 and new_deadline is not null and at <= now()
                 order by at desc, id desc limit 1) = deadline as same,
                (select new_deadline from hazard_history where hazard_id = $1 and event = 'CREATED') = app.today() + 10 as original
         from hazards where id = $1`, [id]);
      expect(valid).toEqual({ same: true, original: true });
    }));

  it('gives a hazard registered without a deadline its original at the start, with no reason asked', () =>
    rolledBack(pool, async (client) => {
      const id = await kindHazard(client, place, KINDS[0]!, 'REPORTED', { deadlineDays: null });
      expect(await as(client, persona('a town official'), place, 901,
        `update hazards set status = 'RECTIFYING', deadline = app.today() + 15 where id = $1`, [id])).toBe('ok');
    }));

  it('refuses the rectifying party an extension of an overdue or listed hazard, even at the start, but not the supervisor', () =>
    rolledBack(pool, async (client) => {
      await client.query(`select set_config('app.deadline_reason', '雨季施工困难', true)`);
      const start = `update hazards set status = 'RECTIFYING', deadline = app.today() + 30 where id = $1`;
      const town = persona('a town official');
      const enterprise = persona('the enterprise');
      const overduePlace = await kindHazard(client, place, KINDS[0]!, 'REPORTED', { subject: 'place', deadlineDays: -703 });
      expect(await as(client, town, place, 1001, start, [overduePlace])).toBe('RS010');
      expect(await as(client, persona('a county inspector'), place, 1002, start, [overduePlace])).toBe('ok');
      const overdueOwn = await kindHazard(client, place, KINDS[0]!, 'REPORTED', { deadlineDays: -5 });
      expect(await as(client, enterprise, place, 1003, start, [overdueOwn])).toBe('RS010');
      expect(await as(client, town, place, 1001, start, [overdueOwn])).toBe('ok');
      const listedOwn = await kindHazard(client, place, KINDS[2]!, 'REPORTED', { deadlineDays: 5 });
      expect(await as(client, enterprise, place, 1003, start, [listedOwn])).toBe('RS010');
      const timelyOwn = await kindHazard(client, place, KINDS[0]!, 'REPORTED', { deadlineDays: 5 });
      expect(await as(client, enterprise, place, 1003, start, [timelyOwn])).toBe('ok');
      const overdueRectifying = await kindHazard(client, place, KINDS[0]!, 'RECTIFYING', { subject: 'place', deadlineDays: -1 });
      expect(await as(client, town, place, 1001, SQL.EXTEND, [overdueRectifying])).toBe('RS010');
    }));

  it('refuses the 703-days-overdue scenario at the step that breaks the rules, the hazard staying overdue', () =>
    rolledBack(pool, async (client) => {
      const town = persona('a town official');
      const id = await kindHazard(client, place, KINDS[0]!, 'REPORTED', { subject: 'place', deadlineDays: -703 });
      const overdue = async () => (await client.query(
        'select hazard_is_overdue(status, deadline) as overdue from hazards where id = $1', [id])).rows[0].overdue;
      // The town must fix this place itself: no new deadline of its own, with or without a reason.
      expect(await as(client, town, place, 1101, `update hazards set status = 'RECTIFYING', deadline = app.today() + 30 where id = $1`, [id]))
        .toBe('RS010');
      await client.query(`select set_config('app.deadline_reason', '重新确定整改期限', true)`);
      expect(await as(client, town, place, 1101, `update hazards set status = 'RECTIFYING', deadline = app.today() + 30 where id = $1`, [id]))
        .toBe('RS010');
      expect(await overdue()).toBe(true);
      await actAs(client, town, place, 1101);
      await client.query(SQL.START, [id]);
      await client.query(SQL.SUBMIT, [id]);
      await asOwner(client);
      expect(await as(client, town, place, 1101, SQL.PASS, [id])).toBe('RS005');
      const { rows: [row] } = await client.query('select status, deadline < app.today() - 700 as old_deadline from hazards where id = $1', [id]);
      expect(row).toEqual({ status: 'AWAITING_VERIFICATION', old_deadline: true });
    }));

  it('lists the same actions for a request as the triggers allow (app.viewer_actions)', () =>
    rolledBack(pool, async (client) => {
      const id = await kindHazard(client, place, KINDS[3]!, 'AWAITING_VERIFICATION');
      const actionsOf = async (p: Persona) => {
        await client.query('savepoint look');
        await actAs(client, p, place, 1201);
        const { rows } = await client.query('select app.viewer_actions(h)::text[] as actions from hazards h where id = $1', [id]);
        await client.query('rollback to savepoint look');
        return rows[0]?.actions ?? [];
      };
      // Listed by the city: the county may not close it, and neither may list it again.
      // Staff in scope may publish it (公示); it is not published yet.
      expect(await actionsOf(persona('a county inspector'))).toEqual(['VERIFY_FAIL', 'EXTEND_DEADLINE', 'PUBLISH']);
      expect(await actionsOf(persona('a city inspector'))).toEqual(['VERIFY_PASS', 'VERIFY_FAIL', 'EXTEND_DEADLINE', 'PUBLISH']);
      expect(await actionsOf(persona('a provincial inspector'))).toEqual(['VERIFY_PASS', 'VERIFY_FAIL', 'EXTEND_DEADLINE', 'LIST_FOR_SUPERVISION', 'PUBLISH']);
      // The hazard is the enterprise's to fix: the town may extend it, not verify a major one.
      expect(await actionsOf(persona('a town official'))).toEqual(['EXTEND_DEADLINE', 'PUBLISH']);
      expect(await actionsOf(persona('a city leader'))).toEqual([]);
    }));
});
