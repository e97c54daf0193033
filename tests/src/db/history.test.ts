import type pg from 'pg';
import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { attempt, readyTestPool, rolledBack } from '../support/db';

/** The request settings the API sets, for a signed-in user with a note. */
async function actAs(client: pg.PoolClient, userId: number, note: string | null): Promise<void> {
  await client.query(`select set_config('app.user_id', $1, true), set_config('app.note', $2, true)`, [String(userId), note ?? '']);
}

/** A town with a point inside it, from the demo geography. */
async function aTown(client: pg.PoolClient, offset = 0): Promise<{ code: string; lng: number; lat: number }> {
  const { rows: [town] } = await client.query(
    `select code, st_x(st_pointonsurface(boundary)) as lng, st_y(st_pointonsurface(boundary)) as lat
     from jurisdictions where level = 'town' and boundary is not null order by code offset $1 limit 1`, [offset]);
  return town;
}

/** A new enterprise in the town with a valid credit code of its own. */
async function newEnterprise(client: pg.PoolClient, town: { code: string; lng: number; lat: number }): Promise<number> {
  const body = `91430900MA${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  const { rows: [row] } = await client.query(
    `insert into enterprises (name, credit_code, sector, location, town_code, risk_level)
     values ('历史测试化工有限公司', $1, 'HAZARDOUS_CHEMICALS', st_setsrid(st_makepoint($2, $3), 4326), $4, 'YELLOW') returning id`,
    [body + creditCodeCheckCharacter(body), town.lng, town.lat, town.code]);
  return row.id;
}

async function newAccident(client: pg.PoolClient, town: { code: string; lng: number; lat: number }, occurredAgo: string, reportedAfter: string | null): Promise<number> {
  const { rows: [row] } = await client.query(
    `insert into accidents (occurred_at, location, town_code, sector, description, deaths, reported_at)
     values (now() - $1::interval, st_setsrid(st_makepoint($2, $3), 4326), $4, 'CONSTRUCTION', '脚手架坍塌', 1,
             now() - $1::interval + $5::interval) returning id`,
    [occurredAgo, town.lng, town.lat, town.code, reportedAfter]);
  return row.id;
}

async function historyOf(client: pg.PoolClient, kind: string, id: number) {
  const { rows } = await client.query(
    `select event, actor_id, note, changes, town_code, sector from record_history
     where entity_kind = $1 and entity_id = $2 order by id`, [kind, id]);
  return rows;
}

describe('the history of everything that counts, in the database', () => {
  let pool: pg.Pool;
  beforeAll(async () => { pool = await readyTestPool(); });
  afterAll(() => pool.end());

  it('records an enterprise\'s risk colour, status and standardisation grade as old → new, with the actor and note', () =>
    rolledBack(pool, async (client) => {
      const town = await aTown(client);
      await actAs(client, 42, '新登记');
      const id = await newEnterprise(client, town);
      await actAs(client, 43, '检查发现重大隐患，责令停产整顿');
      await client.query(`update enterprises set risk_level = 'RED', status = 'SUSPENDED', standardization_grade = 'LEVEL_3' where id = $1`, [id]);
      await client.query(`update enterprises set contact_phone = '0737-1234567' where id = $1`, [id]);
      const history = await historyOf(client, 'enterprise', id);
      expect(history).toHaveLength(2);
      expect(history[0]).toMatchObject({
        event: 'CREATED', actor_id: 42, note: '新登记', town_code: town.code, sector: 'HAZARDOUS_CHEMICALS',
        changes: expect.objectContaining({ risk_level: { old: null, new: 'YELLOW' } }),
      });
      expect(history[1]).toEqual({
        event: 'UPDATED', actor_id: 43, note: '检查发现重大隐患，责令停产整顿', town_code: town.code, sector: 'HAZARDOUS_CHEMICALS',
        changes: {
          risk_level: { old: 'YELLOW', new: 'RED' },
          status: { old: 'OPERATING', new: 'SUSPENDED' },
          standardization_grade: { old: 'NONE', new: 'LEVEL_3' },
        },
      });
    }));

  it('records an accident\'s report (上报) and every later change of deaths, injuries and loss (补报)', () =>
    rolledBack(pool, async (client) => {
      const town = await aTown(client);
      await actAs(client, 42, null);
      const id = await newAccident(client, town, '5 hours', null);
      await actAs(client, 43, '事故单位电话报告');
      await client.query(`update accidents set reported_at = occurred_at + interval '40 minutes' where id = $1`, [id]);
      await actAs(client, 44, '一名重伤者经抢救无效死亡');
      await client.query('update accidents set deaths = 2, serious_injuries = 0, direct_loss_yuan = 1500000 where id = $1', [id]);
      const history = await historyOf(client, 'accident', id);
      expect(history.map((h) => [h.event, h.actor_id, h.note])).toEqual([
        ['CREATED', 42, null], ['REPORTED', 43, '事故单位电话报告'], ['SUPPLEMENTED', 44, '一名重伤者经抢救无效死亡']]);
      expect(history[2].changes).toEqual({ deaths: { old: 1, new: 2 }, direct_loss_yuan: { old: 0, new: 1500000 } });
    }));

  it('records road segments, listings and users\' role, scope and active flag', () =>
    rolledBack(pool, async (client) => {
      await actAs(client, 42, '复核路段风险');
      const { rows: [road] } = await client.query(
        `update road_segments set risk_level = case risk_level when 'RED' then 'ORANGE' else 'RED' end
         where id = (select min(id) from road_segments) returning id, town_code`);
      expect((await historyOf(client, 'road_segment', road.id)).slice(-1)).toEqual([expect.objectContaining({
        event: 'UPDATED', actor_id: 42, note: '复核路段风险', town_code: road.town_code, sector: 'ROAD_TRAFFIC',
        changes: { risk_level: expect.objectContaining({ new: expect.any(String) }) },
      })]);

      const { rows: [listing] } = await client.query(
        `update listed_supervisions set deadline = deadline + 30 where id = (select min(id) from listed_supervisions) returning id, deadline`);
      expect((await historyOf(client, 'listed_supervision', listing.id)).slice(-1)).toEqual([
        expect.objectContaining({ event: 'UPDATED', changes: { deadline: expect.objectContaining({ new: listing.deadline }) } })]);

      await actAs(client, 1, '调离');
      const { rows: [user] } = await client.query(`update users set active = false where username = 'analyst' returning id`);
      expect((await historyOf(client, 'user', user.id)).slice(-1)).toEqual([
        expect.objectContaining({ event: 'UPDATED', note: '调离', town_code: null, changes: { active: { old: true, new: false } } })]);
    }));

  it('refuses UPDATE, DELETE and TRUNCATE of the history: the owner with RS004, app_user before it gets there', () =>
    rolledBack(pool, async (client) => {
      const town = await aTown(client);
      const id = await newEnterprise(client, town);
      const { rows: [entry] } = await client.query(`select id from record_history where entity_kind = 'enterprise' and entity_id = $1`, [id]);
      expect(await attempt(client, `update record_history set note = 'rewritten' where id = $1`, [entry.id])).toBe('RS004');
      expect(await attempt(client, 'delete from record_history where id = $1', [entry.id])).toBe('RS004');
      expect(await attempt(client, 'truncate record_history')).toBe('RS004');
      // The statement-level trigger refuses even a change that matches no row.
      expect(await attempt(client, 'delete from record_history where false')).toBe('RS004');
      await client.query(`select set_config('role', 'app_user', true), set_config('app.role', 'admin', true), set_config('app.scope_prefix', '', true)`);
      expect(await attempt(client, 'select count(*) from record_history where id = $1', [entry.id])).toBe('ok');
      // app_user holds no UPDATE, DELETE or TRUNCATE privilege on any history (insufficient_privilege).
      expect(await attempt(client, `update record_history set note = 'rewritten' where id = $1`, [entry.id])).toBe('42501');
      expect(await attempt(client, 'delete from record_history where id = $1', [entry.id])).toBe('42501');
      expect(await attempt(client, 'truncate record_history')).toBe('42501');
      expect(await attempt(client, 'insert into record_history (entity_kind, entity_id, event, changes, town_code) values ($1, $2, $3, $4, $5)',
        ['enterprise', id, 'UPDATED', '{}', town.code])).toBe('42501');
      await client.query('reset role');
      const { rows: [after] } = await client.query('select note from record_history where id = $1', [entry.id]);
      expect(after.note).toBeNull();
    }));

  it('lets a history row be read exactly where its record is', () =>
    rolledBack(pool, async (client) => {
      const town = await aTown(client, 0);
      const elsewhere = await aTown(client, 40);
      const id = await newEnterprise(client, town);
      const visible = async (settings: Record<string, string>) => {
        await client.query('savepoint look');
        await client.query(`select set_config('role', 'app_user', true)`);
        for (const [name, value] of Object.entries(settings)) await client.query('select set_config($1, $2, true)', [`app.${name}`, value]);
        const { rows: [n] } = await client.query(
          `select count(*)::int as n from record_history where entity_kind = 'enterprise' and entity_id = $1`, [id]);
        await client.query('rollback to savepoint look');
        return n.n;
      };
      expect(await visible({ role: 'town', scope_prefix: town.code })).toBe(1);
      expect(await visible({ role: 'town', scope_prefix: elsewhere.code })).toBe(0);
      expect(await visible({ role: 'inspector', scope_prefix: town.code.slice(0, 6), sectors: 'HAZARDOUS_CHEMICALS' })).toBe(1);
      expect(await visible({ role: 'inspector', scope_prefix: town.code.slice(0, 6), sectors: 'FIRE_SAFETY' })).toBe(0);
      expect(await visible({ role: 'enterprise', scope_prefix: town.code, enterprise_id: String(id) })).toBe(1);
      expect(await visible({ role: 'enterprise', scope_prefix: town.code, enterprise_id: String(id + 1) })).toBe(0);
      expect(await visible({ role: 'public', scope_prefix: 'none' })).toBe(0);
    }));

  it('flags a late accident report under Decree 493: more than an hour after, or unreported after an hour', () =>
    rolledBack(pool, async (client) => {
      const town = await aTown(client);
      const cases: [string, string | null, boolean][] = [
        ['3 hours', '2 hours', true],
        ['3 hours', '30 minutes', false],
        ['3 hours', '1 hour', false],
        ['2 hours', null, true],
        ['20 minutes', null, false],
      ];
      for (const [ago, after, late] of cases) {
        const id = await newAccident(client, town, ago, after);
        const { rows: [row] } = await client.query(
          'select accident_report_is_late(occurred_at, reported_at) as late from accidents where id = $1', [id]);
        expect({ ago, after, late: row.late }).toEqual({ ago, after, late });
      }
    }));

  it('refuses a report time before the accident or in the future', () =>
    rolledBack(pool, async (client) => {
      const town = await aTown(client);
      const id = await newAccident(client, town, '2 hours', null);
      expect(await attempt(client, `update accidents set reported_at = occurred_at - interval '1 minute' where id = $1`, [id])).toBe('23514');
      expect(await attempt(client, `update accidents set reported_at = now() + interval '1 minute' where id = $1`, [id])).toBe('23514');
      expect(await attempt(client, 'update accidents set reported_at = now() where id = $1', [id])).toBe('ok');
    }));

  it('records publication (公示) and its withdrawal as hazard events, and says what a listing listed', () =>
    rolledBack(pool, async (client) => {
      const { rows: [hazard] } = await client.query(`select id from hazards where not published and listed_level is null and level = 'MAJOR' and status <> 'CLOSED' order by id limit 1`);
      await actAs(client, 42, '重大隐患向社会公示');
      await client.query('update hazards set published = true where id = $1', [hazard.id]);
      await actAs(client, 43, '整改完成，撤销公示');
      await client.query('update hazards set published = false where id = $1', [hazard.id]);
      await actAs(client, 44, null);
      const { rows: [listing] } = await client.query(
        `insert into listed_supervisions (hazard_id, level, listing_body, rectifying_unit, rectifying_head, regulating_unit,
           regulating_head, supervising_official, deadline, year_listed)
         values ($1, 'CITY', '益阳市安全生产委员会', '某公司', '王五', '应急管理局', '赵六', '钱七', date '2027-03-31', 2026) returning id`,
        [hazard.id]);
      const { rows } = await client.query(
        `select event, actor_id, note, listing_id from hazard_history where hazard_id = $1 and event in ('PUBLISHED', 'UNPUBLISHED', 'LISTED') order by id`,
        [hazard.id]);
      expect(rows).toEqual([
        { event: 'PUBLISHED', actor_id: 42, note: '重大隐患向社会公示', listing_id: null },
        { event: 'UNPUBLISHED', actor_id: 43, note: '整改完成，撤销公示', listing_id: null },
        { event: 'LISTED', actor_id: 44, note: '市级挂牌督办：益阳市安全生产委员会，督办期限 2027-03-31', listing_id: listing.id },
      ]);
    }));
});
