import 'reflect-metadata';
import type pg from 'pg';
import { repairSummaries, summaryDrift, type SummaryDrift } from '@risk/db';
import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { RequestDb } from '@risk/api/common/request-db';
import { DEFAULT_RISK_WEIGHTS } from '@risk/api/stats/risk-score';
import { hazardTrend, jurisdictionStats, type Period } from '@risk/api/stats/stats.service';
import { TrendInterval } from '@risk/api/stats/stats.type';
import { JurisdictionLevel } from '@risk/api/jurisdiction/jurisdiction.type';
import { attempt, readyTestPool, rolledBack } from '../support/db';
import { testPlace } from '../support/closed-loop';
import { severalTimesLate } from '../support/lateness';
import { scopeOf } from '../support/hazard-fixtures';
import type { Viewer } from '@risk/api/common/viewer';

// The hazard summaries (0019_summaries.sql, 0025_summaries_fast.sql, 0031_trend_months.sql)
// are kept in the writing transaction: after any mix of life-cycle writes, corrections of the
// record, imports and deletions every key's count equals a recount of the rows
// (summaryDrift), and the repair rebuilds them from the rows. So are the lateness
// rows (0026_lateness.sql): equal to a recomputation from the history (hazard_stretches),
// back-dated and rewritten history rows included, and the figures read from them equal the
// history's definitions (0013_honest_figures.sql) computed directly.

const EXACT: SummaryDrift = {
  counts: 0, months: 0, trendMonths: 0, cells: 0, lateness: 0, latenessMonths: 0, enterprises: 0, inspections: 0, accidents: 0,
};

let pool: pg.Pool;
beforeAll(async () => {
  pool = await readyTestPool();
});
afterAll(() => pool.end());

/** A deterministic pseudo-random sequence, so a failure can be replayed from its seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SOURCES = ['SELF_INSPECTION', 'DEPARTMENT_INSPECTION', 'SUPERVISION', 'UNANNOUNCED_VISIT', 'PUBLIC_REPORT'];

/** Writes as the owner (no party to the closed loop: only the status flow applies). */
async function lifeCycle(client: pg.PoolClient, seed: number): Promise<void> {
  const random = randomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const place = await testPlace(client);
  const { rows: towns } = await client.query<{ code: string; lng: number; lat: number }>(
    `select code, st_x(p) as lng, st_y(p) as lat
     from (select code, st_pointonsurface(boundary) as p from jurisdictions where level = 'town' and boundary is not null order by code limit 6) t`);
  const ids: string[] = [];
  // Reports (one statement each) of every level and source, some already late, in a few towns.
  for (let i = 0; i < 24; i += 1) {
    const town = i % 3 === 0 ? { code: place.townCode, lng: place.lng, lat: place.lat } : pick(towns);
    const { rows: [row] } = await client.query<{ id: string }>(
      `insert into hazards (code, description, level, sector, source, place_name, location, town_code, found_at,
                            responsible_person, measures, funds_yuan, deadline, contingency_plan)
       values ('SUM-' || md5(random()::text), '汇总测试隐患', $1, $2, $3, '农贸市场', st_setsrid(st_makepoint($4, $5), 4326), $6,
               now() - $7 * interval '1 day', '张伟', '更换破损设备', 100, app.today() + $8::int, '设置警戒区')
       returning id`,
      [pick(['GENERAL', 'MAJOR']), pick([place.sector, 'FIRE_SAFETY', 'CITY_GAS']), pick(SOURCES), town.lng, town.lat, town.code,
        Math.floor(random() * 700), Math.floor(random() * 120) - 60]);
    ids.push(row!.id);
  }
  const step = async (id: string, to: string, major: boolean) => {
    await client.query(`select set_config('app.evaluation', $1, true)`, [to === 'CLOSED' && major ? '第三方评估合格' : '']);
    return attempt(client, 'update hazards set status = $2 where id = $1', [id, to]);
  };
  // Random walks along the flow: start, extend, submit, pass or fail, reopen, list, publish.
  // A write the rules refuse (an extension of a closed hazard) changes nothing; most pass.
  let done = 0;
  for (let round = 0; round < 40; round += 1) {
    const id = pick(ids);
    const { rows: [h] } = await client.query<{ status: string; level: string; listed_level: string | null }>(
      'select status, level, listed_level from hazards where id = $1', [id]);
    const major = h!.level === 'MAJOR';
    const move = random();
    if (move < 0.15) {
      await client.query(`select set_config('app.deadline_reason', '设备到货延迟', true)`);
      done += Number(await attempt(client, 'update hazards set deadline = deadline + $2::int where id = $1', [id, 1 + Math.floor(random() * 90)]) === 'ok');
    } else if (move < 0.22 && major && h!.listed_level === null && h!.status !== 'CLOSED') {
      done += Number('ok' === await attempt(client,
        `insert into listed_supervisions (hazard_id, level, listing_body, rectifying_unit, rectifying_head, regulating_unit,
           regulating_head, supervising_official, deadline, year_listed)
         values ($1, 'COUNTY', '安委会', '整改单位', '甲', '监管单位', '乙', '丙', app.today() + 60, 2026)`, [id]));
    } else if (move < 0.3) {
      done += Number(await attempt(client, 'update hazards set published = not published where id = $1', [id]) === 'ok');
    } else {
      const next: Record<string, string[]> = {
        REPORTED: ['RECTIFYING'], RECTIFYING: ['AWAITING_VERIFICATION'], AWAITING_VERIFICATION: ['CLOSED', 'RECTIFYING'], CLOSED: ['RECTIFYING'],
      };
          done += Number(await step(id, pick(next[h!.status]!), major) === 'ok');
    }
  }
  expect(done).toBeGreaterThan(25);
  // Corrections of the record: the day found (across months), the town (with a location in
  // it), the sector and the level, each moving a hazard, closed or not, between the keys of
  // every summary.
  let corrected = 0;
  for (let i = 0; i < 8; i += 1) {
    const id = pick(ids);
    const town = pick(towns);
    const outcomes = [
      await attempt(client, `update hazards set found_at = found_at - $2 * interval '1 day' where id = $1`, [id, 20 + Math.floor(random() * 200)]),
      await attempt(client, 'update hazards set town_code = $2, location = st_setsrid(st_makepoint($3, $4), 4326) where id = $1',
        [id, town.code, town.lng, town.lat]),
      await attempt(client, 'update hazards set sector = $2 where id = $1', [id, pick([place.sector, 'FIRE_SAFETY', 'CITY_GAS'])]),
      await attempt(client, `update hazards set level = case level when 'MAJOR' then 'GENERAL'::hazard_level else 'MAJOR' end where id = $1`, [id]),
    ];
    corrected += outcomes.filter((outcome) => outcome === 'ok').length;
  }
  expect(corrected).toBeGreaterThan(16);
  // An import: many rows in one statement, then one statement moving half of them on.
  const { rows: imported } = await client.query<{ id: string }>(
    `insert into hazards (code, description, level, sector, source, enterprise_id, location, town_code, found_at,
                          responsible_person, measures, funds_yuan, deadline, contingency_plan)
     select 'IMP-' || md5(random()::text), description, level, sector, source, enterprise_id, location, town_code, found_at,
            'p', 'm', 1, app.today() + (id % 40)::int - 20, 'c'
     from hazards where id % 53 = $1 order by id limit 100
     returning id`, [seed % 53]);
  await client.query(`update hazards set status = 'RECTIFYING' where id = any($1::bigint[]) and id % 2 = 0`, [imported.map((r) => r.id)]);
  // and one statement moving a third of them to other days found, many months back.
  await client.query(`update hazards set found_at = found_at - (id % 7) * interval '33 days' where id = any($1::bigint[]) and id % 3 = 0`,
    [imported.map((r) => r.id)]);
  // Deletions and history written by the owner: the ledger's foreign keys and append-only
  // history are held back with the replica role, which must not hold back the summaries.
  await client.query('set local session_replication_role = replica');
  // Back-dated history: a past extension (to a deadline long gone) and a past late
  // rectification and closing, each many rows in one statement; then one row moved and one
  // removed.
  const backDated = [pick(ids), pick(ids), pick(imported).id];
  await client.query(
    `insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, old_deadline, new_deadline)
     select h.id, h.town_code, h.sector, 'DEADLINE_EXTENDED', 'RECTIFYING', 'RECTIFYING',
            now() - (40 + n) * interval '1 day', h.deadline, app.today() - (60 + n)::int
     from hazards h, unnest($1::bigint[]) with ordinality as b (id, n) where h.id = b.id`, [backDated]);
  await client.query(
    `insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at)
     select h.id, h.town_code, h.sector, 'TRANSITION', t.from_status::hazard_status, t.to_status::hazard_status, now() - t.days * interval '1 day'
     from hazards h, (values ('RECTIFYING', 'AWAITING_VERIFICATION', 20), ('AWAITING_VERIFICATION', 'CLOSED', 15),
                             ('CLOSED', 'RECTIFYING', 10)) t (from_status, to_status, days)
     where h.id = any($1::bigint[])`, [backDated]);
  await client.query(
    `update hazard_history set at = at - interval '30 days'
     where id = (select max(id) from hazard_history where hazard_id = $1 and event = 'TRANSITION')`, [pick(ids)]);
  await client.query(
    `delete from hazard_history where id = (select max(id) from hazard_history where hazard_id = $1 and event = 'TRANSITION')`, [pick(ids)]);
  await client.query('delete from hazards where id = any($1::bigint[])', [[...ids.slice(0, 5), ...imported.slice(0, 50).map((r) => r.id)]]);
  await client.query('set local session_replication_role = origin');
}

describe('hazard summaries', () => {
  it('start equal to a recount of the rows', async () => {
    expect(await summaryDrift(pool)).toEqual(EXACT);
  });

  for (const seed of [1, 2]) {
    it(`equal a recount of the rows after random life-cycle writes, an import and deletions (seed ${seed})`, async () => {
      await rolledBack(pool, async (client) => {
        // The writes appended deltas: the ids they took, since a fold (every 8,192 cell deltas)
        // may have moved every delta left into the summaries by the end.
        const appended = `select coalesce(pg_sequence_last_value(pg_get_serial_sequence('hazard_count_deltas', 'id')), 0)::text as id`;
        const { rows: [before] } = await client.query<{ id: string }>(appended);
        await lifeCycle(client, seed);
        const { rows: [after] } = await client.query<{ id: string }>(appended);
        expect(BigInt(after!.id)).toBeGreaterThan(BigInt(before!.id));
        expect(await summaryDrift(client)).toEqual(EXACT);
        // Folding changes where the counts are kept, not what they are.
        await client.query('select app.fold_hazard_summaries(), app.fold_hazard_lateness_months()');
        const { rows: [left] } = await client.query<{ n: number }>(
          `select (select count(*) from hazard_count_deltas) + (select count(*) from hazard_trend_month_deltas)
                  + (select count(*) from hazard_lateness_month_deltas) as n`);
        expect(Number(left!.n)).toBe(0);
        expect(await summaryDrift(client)).toEqual(EXACT);
        // The repair counts the same keys from the rows.
        const trendKeys = `select town_code, sector, level, month, sum(found)::int as found, sum(closed)::int as closed
          from hazard_trend_month_rows group by 1, 2, 3, 4 having sum(found) <> 0 or sum(closed) <> 0 order by 1, 2, 3, 4`;
        const { rows: kept } = await client.query(trendKeys);
        await client.query('select app.rebuild_hazard_summaries()');
        expect((await client.query(trendKeys)).rows).toEqual(kept);
        expect(await summaryDrift(client)).toEqual(EXACT);
      });
    }, 600_000);
  }

  it('are rebuilt from the rows by the repair, after a write that bypassed them', async () => {
    const place = await testPlace(pool);
    const client = await pool.connect();
    let drift: SummaryDrift;
    try {
      // Only the owner can take the summary triggers out of play; the repair puts it right.
      await client.query('begin');
      await client.query('alter table hazards disable trigger hazards_summary_insert');
      await client.query(
        `insert into hazards (code, description, level, sector, source, place_name, location, town_code, found_at)
         values ('SUM-' || md5(random()::text), '绕过汇总的隐患', 'MAJOR', $1, 'SUPERVISION', '渡口', st_setsrid(st_makepoint($2, $3), 4326), $4, now())`,
        [place.sector, place.lng, place.lat, place.townCode]);
      await client.query('alter table hazards enable always trigger hazards_summary_insert');
      // An enterprise, an inspection and an accident changed behind their summaries' backs,
      await client.query('alter table enterprises disable trigger enterprises_summary_update');
      await client.query(`update enterprises set risk_level = case risk_level when 'RED' then 'BLUE' else 'RED' end where id = (select min(id) from enterprises)`);
      await client.query('alter table enterprises enable always trigger enterprises_summary_update');
      await client.query('alter table inspections disable trigger inspections_summary_update');
      await client.query(`update inspections set inspected_on = inspected_on - 40 where id = (select min(id) from inspections)`);
      await client.query('alter table inspections enable always trigger inspections_summary_update');
      await client.query('alter table accidents disable trigger accidents_summary_update');
      await client.query(`update accidents set deaths = deaths + 1 where id = (select min(id) from accidents)`);
      await client.query('alter table accidents enable always trigger accidents_summary_update');
      // and a lateness row and a lateness month lost.
      await client.query('delete from hazard_lateness_spans where ctid = (select ctid from hazard_lateness_spans limit 1)');
      await client.query('select app.fold_hazard_lateness_months()');
      await client.query('delete from hazard_lateness_months where ctid = (select ctid from hazard_lateness_months limit 1)');
      await client.query('commit');
      drift = await summaryDrift(client);
    } finally {
      client.release();
    }
    expect(drift.counts).toBeGreaterThan(0);
    expect(drift.months).toBeGreaterThan(0);
    expect(drift.trendMonths).toBeGreaterThan(0);
    expect(drift.cells).toBeGreaterThan(0);
    expect(drift.lateness).toBe(1);
    expect(drift.latenessMonths).toBeGreaterThan(0);
    expect(drift.enterprises).toBeGreaterThan(0);
    expect(drift.inspections).toBeGreaterThan(0);
    expect(drift.accidents).toBeGreaterThan(0);
    expect(await repairSummaries(pool)).toEqual(drift);
    expect(await summaryDrift(pool)).toEqual(EXACT);
  }, 600_000);

  it('cannot be written by app_user, only read under its row-level security', async () => {
    await rolledBack(pool, async (client) => {
      await client.query(`set local role app_user`);
      const counters: [string, string][] = [
        ['hazard_counts', 'hazards'], ['hazard_count_deltas', 'hazards'], ['hazard_months', 'hazards'], ['hazard_month_deltas', 'hazards'],
        ['hazard_trend_months', 'found'], ['hazard_trend_month_deltas', 'closed'], ['hazard_cells', 'hazards'], ['hazard_cell_deltas', 'hazards'],
        ['enterprise_counts', 'enterprises'],
        ['enterprise_count_deltas', 'enterprises'], ['inspection_months', 'inspections'], ['inspection_month_deltas', 'inspections'],
        ['accident_months', 'accidents'], ['accident_month_deltas', 'accidents'],
      ];
      for (const [table, counter] of counters) {
        expect(await attempt(client, `delete from ${table}`)).toBe('42501');
        expect(await attempt(client, `update ${table} set ${counter} = ${counter} + 1`)).toBe('42501');
      }
      expect(await attempt(client, `insert into inspection_month_deltas (town_code, sector, month, inspections)
        values ('430902001', 'FIRE_SAFETY', current_date, 1000)`)).toBe('42501');
      expect(await attempt(client, 'select app.rebuild_supervision_summaries()')).toBe('42501');
      expect(await attempt(client, `insert into hazard_count_deltas (town_code, sector, level, status, source, published, hazards)
        values ('430902001', 'FIRE_SAFETY', 'MAJOR', 'REPORTED', 'PUBLIC_REPORT', false, 1000)`)).toBe('42501');
      expect(await attempt(client, `insert into hazard_month_deltas (town_code, sector, level, found_month, hazards)
        values ('430902001', 'FIRE_SAFETY', 'MAJOR', current_date, 1000)`)).toBe('42501');
      expect(await attempt(client, `insert into hazard_trend_month_deltas (town_code, sector, level, month, found, closed)
        values ('430902001', 'FIRE_SAFETY', 'MAJOR', current_date, 1000, 0)`)).toBe('42501');
      expect(await attempt(client, 'select app.rebuild_hazard_summaries()')).toBe('42501');
    });
  });

  it('are read under the scope of app.can_read for every role (their policies take it as values)', async () => {
    await rolledBack(pool, async (client) => {
      const scopes: [string, string, string][] = [
        ['admin', '', ''], ['leader', '4309', ''], ['analyst', '430902', ''], ['town', '430902001', ''],
        ['inspector', '4309', 'FIRE_SAFETY,CITY_GAS'], ['inspector', '430902', ''], ['enterprise', '430902001', ''], ['', '4309', ''],
      ];
      let admitted = 0;
      for (const [role, prefix, sectors] of scopes) {
        await client.query(`select set_config('app.role', $1, true), set_config('app.scope_prefix', $2, true), set_config('app.sectors', $3, true)`,
          [role, prefix, sectors]);
        const { rows: [row] } = await client.query<{ differ: number; admitted: number }>(
          `select count(*) filter (where app.can_read(t.town, s.sector)
                                   is distinct from app.can_read_between(t.town, s.sector, app.read_from(), app.read_to(), app.read_sectors()))::int as differ,
                  count(*) filter (where app.can_read(t.town, s.sector))::int as admitted
           from (select code as town from jurisdictions where level = 'town') t
           cross join (values ('FIRE_SAFETY'), ('CITY_GAS'), ('COAL_MINE'), (null)) s (sector)`);
        expect({ role, differ: row!.differ }).toEqual({ role, differ: 0 });
        admitted += row!.admitted;
      }
      expect(admitted).toBeGreaterThan(0);
    });
  });

  it('give a town official the figures of their own town only, and an inspector those of their sectors', async () => {
    await rolledBack(pool, async (client) => {
      const { rows: [town] } = await client.query<{ code: string; n: number }>(
        `select town_code as code, count(*)::int as n from hazards group by town_code order by count(*) desc limit 1`);
      const { rows: [everywhere] } = await client.query<{ n: number }>('select count(*)::int as n from hazards');
      await client.query(`select set_config('role', 'app_user', true), set_config('app.role', 'town', true),
                                 set_config('app.scope_prefix', $1, true)`, [town!.code]);
      for (const [summary, counter] of [['hazard_count_rows', 'hazards'], ['hazard_month_rows', 'hazards'], ['hazard_trend_month_rows', 'found']]) {
        const { rows: mine } = await client.query<{ town_code: string; n: number }>(
          `select town_code, sum(${counter})::int as n from ${summary} group by town_code`);
        expect(mine).toEqual([{ town_code: town!.code, n: town!.n }]);
      }
      const { rows: cells } = await client.query<{ towns: string[]; n: number }>(
        'select array_agg(distinct town_code::text) as towns, sum(hazards)::int as n from hazard_cell_rows where zoom = 1');
      expect(cells).toEqual([{ towns: [town!.code], n: town!.n }]);
      expect(town!.n).toBeLessThan(everywhere!.n);

      await client.query(`select set_config('app.role', 'inspector', true), set_config('app.scope_prefix', '4309', true),
                                 set_config('app.sectors', 'FIRE_SAFETY', true)`);
      for (const summary of ['hazard_count_rows', 'hazard_month_rows', 'hazard_trend_month_rows']) {
        const { rows: sectors } = await client.query<{ sector: string }>(`select distinct sector from ${summary}`);
        expect(sectors).toEqual([{ sector: 'FIRE_SAFETY' }]);
      }

      await client.query(`select set_config('app.role', 'enterprise', true), set_config('app.scope_prefix', $1, true)`, [town!.code]);
      const { rows: [none] } = await client.query<{ n: number }>(
        `select ((select count(*) from hazard_count_rows) + (select count(*) from hazard_month_rows)
                 + (select count(*) from hazard_trend_month_rows))::int as n`);
      expect(none!.n).toBe(0);
    });
  });
});

/** The supervision summaries' deltas not yet folded, and their folded keys. */
async function supervisionRows(client: pg.PoolClient): Promise<{ deltas: number; keys: number }> {
  const { rows: [row] } = await client.query<{ deltas: number; keys: number }>(
    `select ((select count(*) from enterprise_count_deltas) + (select count(*) from inspection_month_deltas)
             + (select count(*) from accident_month_deltas))::int as deltas,
            ((select count(*) from enterprise_counts) + (select count(*) from inspection_months) + (select count(*) from accident_months))::int as keys`);
  return row!;
}

/**
 * Writes of enterprises, inspections and accidents as the owner: one row per statement and
 * many, moves of every key column (town, sector, colour, status, day, month), figures changed
 * in place, updates that change no key, deletions; some under the replica role of bulk loads.
 */
async function supervisionWrites(client: pg.PoolClient, seed: number): Promise<void> {
  const random = randomFrom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const SECTORS = ['FIRE_SAFETY', 'CITY_GAS', 'HAZARDOUS_CHEMICALS', 'CONSTRUCTION'];
  const { rows: towns } = await client.query<{ code: string; lng: number; lat: number }>(
    `select code, st_x(p) as lng, st_y(p) as lat
     from (select code, st_pointonsurface(boundary) as p from jurisdictions where level = 'town' and boundary is not null order by code limit 6) t`);
  const deltas = async () => (await supervisionRows(client)).deltas;

  // Enterprises: new ones, one statement each and many in one.
  const codes = Array.from({ length: 16 }, (_, i) => {
    const body = `9243${String(seed).padStart(4, '0')}MA${String(i).padStart(7, '0')}`;
    return body + creditCodeCheckCharacter(body);
  });
  const enterprises: string[] = [];
  for (const code of codes.slice(0, 6)) {
    const town = pick(towns);
    const { rows: [row] } = await client.query<{ id: string }>(
      `insert into enterprises (name, credit_code, sector, location, town_code, risk_level, status)
       values ('汇总测试企业', $1, $2, st_setsrid(st_makepoint($3, $4), 4326), $5, $6, $7) returning id`,
      [code, pick(SECTORS), town.lng, town.lat, town.code, pick(['RED', 'ORANGE', 'YELLOW', 'BLUE']), pick(['OPERATING', 'SUSPENDED', 'CLOSED'])]);
    enterprises.push(row!.id);
  }
  const { rows: many } = await client.query<{ id: string }>(
    `insert into enterprises (name, credit_code, sector, location, town_code, risk_level, status)
     select '汇总测试企业', c.code, e.sector, e.location, e.town_code, e.risk_level, e.status
     from unnest($1::text[]) with ordinality c (code, n)
     join (select row_number() over (order by id) as n, * from enterprises order by id limit 10) e on e.n = c.n
     returning id`, [codes.slice(6)]);
  enterprises.push(...many.map((r) => r.id));
  // Colour and status, one at a time and many at once, existing enterprises among them.
  for (let i = 0; i < 10; i += 1) {
    const id = pick(enterprises);
    await client.query('update enterprises set risk_level = $2 where id = $1', [id, pick(['RED', 'ORANGE', 'YELLOW', 'BLUE'])]);
    await client.query('update enterprises set status = $2 where id = $1', [pick(enterprises), pick(['OPERATING', 'SUSPENDED', 'CLOSED'])]);
  }
  await client.query(
    `update enterprises set risk_level = case risk_level when 'RED' then 'ORANGE' when 'ORANGE' then 'YELLOW' else 'RED' end,
                            status = case when id % 3 = 0 then 'SUSPENDED' else status end
     where id % 17 = $1`, [seed]);
  // To another town (and a point in it) and sector.
  for (let i = 0; i < 4; i += 1) {
    const town = pick(towns);
    await client.query(
      `update enterprises set town_code = $2, location = st_setsrid(st_makepoint($3, $4), 4326), sector = $5 where id = $1`,
      [pick(enterprises), town.code, town.lng, town.lat, pick(SECTORS)]);
  }
  // A change of no key appends nothing.
  let before = await deltas();
  await client.query(`update enterprises set address = '汇总测试地址' where id = any($1::bigint[])`, [enterprises]);
  expect(await deltas()).toBe(before);

  // Inspections: new ones, of the new enterprises and copied from existing ones to other days.
  const inspections: string[] = [];
  for (let i = 0; i < 8; i += 1) {
    const town = pick(towns);
    const { rows: [row] } = await client.query<{ id: string }>(
      `insert into inspections (enterprise_id, town_code, sector, inspected_on, department, kind)
       values ($1, $2, $3, app.today() - $4::int, '应急管理局', 'ROUTINE') returning id`,
      [pick([...enterprises, null]), town.code, pick(SECTORS), Math.floor(random() * 500)]);
    inspections.push(row!.id);
  }
  const { rows: copied } = await client.query<{ id: string }>(
    `insert into inspections (enterprise_id, town_code, sector, inspected_on, department, kind)
     select enterprise_id, town_code, sector, inspected_on - (id % 45)::int, department, kind
     from inspections where id % 7 = $1 order by id limit 60
     returning id`, [seed % 7]);
  inspections.push(...copied.map((r) => r.id));
  for (let i = 0; i < 8; i += 1) {
    await client.query('update inspections set inspected_on = inspected_on + $2::int where id = $1', [pick(inspections), Math.floor(random() * 80) - 40]);
  }
  await client.query('update inspections set town_code = $2, sector = $3 where id = $1', [pick(inspections), pick(towns).code, pick(SECTORS)]);
  await client.query(`update inspections set inspected_on = inspected_on - 31 where id = any($1::bigint[]) and id % 2 = 0`, [inspections]);
  before = await deltas();
  await client.query(`update inspections set summary = '汇总测试' where id = any($1::bigint[])`, [inspections]);
  expect(await deltas()).toBe(before);

  // Accidents: new ones, figures changed in place, moved in time and place.
  const accidents: string[] = [];
  for (let i = 0; i < 8; i += 1) {
    const town = pick(towns);
    const { rows: [row] } = await client.query<{ id: string }>(
      `insert into accidents (occurred_at, location, town_code, sector, enterprise_id, description, deaths, serious_injuries, direct_loss_yuan)
       values (now() - $1 * interval '1 hour', st_setsrid(st_makepoint($2, $3), 4326), $4, $5, $6, '汇总测试事故', $7, $8, $9) returning id`,
      [Math.floor(random() * 17_000), town.lng, town.lat, town.code, pick(SECTORS), pick([...enterprises, null]),
        Math.floor(random() * 3), Math.floor(random() * 4), (Math.floor(random() * 1_000_000) / 100).toFixed(2)]);
    accidents.push(row!.id);
  }
  for (let i = 0; i < 6; i += 1) {
    await client.query('update accidents set deaths = deaths + 1, direct_loss_yuan = direct_loss_yuan + 0.35 where id = $1', [pick(accidents)]);
    await client.query(`update accidents set occurred_at = occurred_at - $2 * interval '1 day' where id = $1`, [pick(accidents), Math.floor(random() * 60)]);
  }
  const town = pick(towns);
  await client.query(`update accidents set town_code = $2, location = st_setsrid(st_makepoint($3, $4), 4326), sector = $5 where id = $1`,
    [pick(accidents), town.code, town.lng, town.lat, pick(SECTORS)]);
  await client.query(`update accidents set serious_injuries = serious_injuries + 1 where id = any($1::bigint[])`, [accidents]);

  // Deletions, and writes of the owner's bulk loads under the replica role.
  await client.query('delete from inspections where id = any($1::bigint[])', [inspections.slice(0, 20)]);
  await client.query('delete from accidents where id = any($1::bigint[])', [accidents.slice(0, 3)]);
  await client.query('set local session_replication_role = replica');
  await client.query(`update enterprises set town_code = $2, sector = 'CITY_GAS' where id = any($1::bigint[])`, [enterprises.slice(0, 3), pick(towns).code]);
  await client.query(`update inspections set inspected_on = inspected_on + 100 where id = any($1::bigint[])`, [inspections.slice(20, 30)]);
  await client.query(`update accidents set direct_loss_yuan = 0 where id = any($1::bigint[])`, [accidents.slice(3, 5)]);
  await client.query('delete from enterprises where id = any($1::bigint[])', [enterprises.slice(0, 4)]);
  await client.query('set local session_replication_role = origin');
  await client.query(`delete from enterprises where id = any($1::bigint[]) and not exists (
    select 1 from inspections i where i.enterprise_id = enterprises.id union all select 1 from accidents a where a.enterprise_id = enterprises.id)`,
  [enterprises.slice(4, 10)]);
}

describe('enterprise, inspection and accident summaries', () => {
  for (const seed of [1, 2]) {
    it(`equal a recount of the rows after random writes, after a fold and after the repair (seed ${seed})`, async () => {
      await rolledBack(pool, async (client) => {
        const before = await supervisionRows(client);
        await supervisionWrites(client, seed);
        // The writes went through the deltas (a fold may have moved some; never all of them).
        expect((await supervisionRows(client)).deltas).not.toBe(before.deltas);
        expect(await summaryDrift(client)).toEqual(EXACT);
        await client.query('select app.fold_supervision_summaries()');
        expect((await supervisionRows(client)).deltas).toBe(0);
        expect(await summaryDrift(client)).toEqual(EXACT);
        await supervisionWrites(client, seed + 10);
        await client.query('select app.rebuild_hazard_summaries()');
        const rebuilt = await supervisionRows(client);
        expect(rebuilt.deltas).toBe(0);
        expect(rebuilt.keys).toBeGreaterThan(0);
        expect(await summaryDrift(client)).toEqual(EXACT);
      });
    }, 600_000);
  }

  it('are recounted after a truncate', async () => {
    await rolledBack(pool, async (client) => {
      await supervisionWrites(client, 3);
      // The owner's, under the replica role: the rows' append-only guards stand aside.
      await client.query('set local session_replication_role = replica');
      await client.query('truncate accidents, inspections cascade');
      await client.query('set local session_replication_role = origin');
      const { rows: [left] } = await client.query<{ n: string }>(
        'select (select count(*) from accident_month_rows) + (select count(*) from inspection_month_rows) as n');
      expect(Number(left!.n)).toBe(0);
      expect(await summaryDrift(client)).toEqual(EXACT);
    });
  }, 600_000);

  it('show every role the records its row-level security shows it, and an enterprise user none', async () => {
    await rolledBack(pool, async (client) => {
      await supervisionWrites(client, 4);
      const { rows: [town] } = await client.query<{ code: string }>(
        'select town_code as code from inspections group by town_code order by count(*) desc limit 1');
      const scopes: [string, string, string][] = [
        ['leader', '4309', ''], ['town', town!.code, ''], ['inspector', '4309', 'FIRE_SAFETY,CITY_GAS'], ['inspector', town!.code.slice(0, 6), ''],
      ];
      // Per town and sector: the summaries' sums and the rows' counts and sums, as the same viewer.
      const compared = `
        with summarised as (
          select 'enterprises' as kind, town_code, sector, sum(enterprises)::bigint as n, 0::bigint as deaths, 0::bigint as injuries, 0::numeric as loss
          from enterprise_count_rows group by town_code, sector
          union all
          select 'inspections', town_code, sector, sum(inspections), 0, 0, 0 from inspection_month_rows group by town_code, sector
          union all
          select 'accidents', town_code, sector, sum(accidents), sum(deaths), sum(serious_injuries), sum(direct_loss_yuan)
          from accident_month_rows group by town_code, sector
        ), counted as (
          select 'enterprises' as kind, town_code, sector, count(*)::bigint as n, 0::bigint as deaths, 0::bigint as injuries, 0::numeric as loss
          from enterprises group by town_code, sector
          union all
          select 'inspections', town_code, sector, count(*), 0, 0, 0 from inspections group by town_code, sector
          union all
          select 'accidents', town_code, sector, count(*), sum(deaths), sum(serious_injuries), sum(direct_loss_yuan)
          from accidents group by town_code, sector
        )
        select (select count(*) from ((select * from summarised where n <> 0 except all select * from counted)
                                      union all (select * from counted except all select * from summarised where n <> 0)) d)::int as differ,
               (select count(*) from counted)::int as keys`;
      await client.query(`set local role app_user`);
      let keys = 0;
      for (const [role, prefix, sectors] of scopes) {
        await client.query(`select set_config('app.role', $1, true), set_config('app.scope_prefix', $2, true), set_config('app.sectors', $3, true)`,
          [role, prefix, sectors]);
        const { rows: [row] } = await client.query<{ differ: number; keys: number }>(compared);
        expect({ role, prefix, differ: row!.differ }).toEqual({ role, prefix, differ: 0 });
        keys += row!.keys;
      }
      expect(keys).toBeGreaterThan(0);
      await client.query(`select set_config('app.role', 'enterprise', true), set_config('app.scope_prefix', $1, true),
                                 set_config('app.enterprise_id', (select min(enterprise_id)::text from inspections), true)`, [town!.code]);
      const { rows: [none] } = await client.query<{ n: number }>(
        `select ((select count(*) from enterprise_count_rows) + (select count(*) from inspection_month_rows)
                 + (select count(*) from accident_month_rows))::int as n`);
      expect(none!.n).toBe(0);
    });
  }, 600_000);
});

/**
 * A pool whose one connection is the test's transaction, where a request's transaction is a
 * savepoint: the api's readers see the test's writes, and the test still rolls them back.
 */
function inTransaction(client: pg.PoolClient): pg.Pool {
  const SAVEPOINTS: Record<string, string> = {
    begin: 'savepoint request', commit: 'release savepoint request', rollback: 'rollback to savepoint request',
  };
  const connection = {
    query: (text: string, values?: unknown[]) => client.query(SAVEPOINTS[text] ?? text, values),
    on: () => connection,
    removeListener: () => connection,
    release: () => undefined,
  };
  return { connect: async () => connection } as unknown as pg.Pool;
}

describe('lateness figures', () => {
  it('equal the history\'s definitions per town, period and trend bucket after random writes', async () => {
    const scopes = [await scopeOf(pool, 'leader'), await scopeOf(pool, 'enterprise')];
    await rolledBack(pool, async (client) => {
      await lifeCycle(client, 3);
      expect(await summaryDrift(client)).toEqual(EXACT);
      await figuresAgree(client, scopes);
    });
    // The definitions read the whole history for each period and trend bucket: on the
    // embedded database this took 390–590 s on a busy 2-core machine.
  }, 1_200_000);

  it('count a hazard once however many times it was overdue or closed late in the period', async () => {
    const scopes = [await scopeOf(pool, 'leader')];
    await rolledBack(pool, async (client) => {
      const ids = await severalTimesLate(client, await testPlace(client));
      const { rows: [kept] } = await client.query<{ parts: number; later_parts: number; later_closings: number }>(
        `select count(overdue_from)::int as parts, count(previous_overdue_until)::int as later_parts,
                count(previous_closed_late_at)::int as later_closings
         from hazard_lateness_spans where hazard_id = any($1::bigint[])`, [ids]);
      // Four overdue parts and two late closings for the first, two parts for the second.
      expect(kept).toEqual({ parts: 6, later_parts: 4, later_closings: 1 });
      expect(await summaryDrift(client)).toEqual(EXACT);
      await figuresAgree(client, scopes, true);
    });
  }, 600_000);
});

/**
 * The city's leader reads the kept rows; an enterprise user, whom they show nothing, the same
 * rows computed from the history of its enterprise's hazards. Both equal the 0013 definitions
 * over hazard_stretches, computed by the owner for the hazards the viewer sees. With `edges`,
 * more periods whose ends fall elsewhere in their months, and no trend (each definition reads
 * the whole history: the embedded database takes minutes for them all).
 */
async function figuresAgree(
  client: pg.PoolClient, scopes: { viewer: Viewer; enterpriseId: number | null }[], edges = false,
): Promise<void> {
  const requests = inTransaction(client);
  const { rows: [{ today }] } = await client.query<{ today: string }>(`select app.today()::text as today`);
  const shift = (days: number, unit = 'day') => client.query<{ d: string }>(
    `select (date_trunc($2, $1::date) + $3::int * ('1 ' || $2)::interval)::date::text as d`, [today, unit, days]).then((r) => r.rows[0]!.d);
  const periods: Period[] = [
    { from: await shift(-5, 'month'), to: shiftDay(await shift(-1, 'month'), -1) }, // whole past months
    { from: await shift(-100), to: await shift(-40) }, // cutting months
    { from: await shift(-11, 'month'), to: today }, // up to today
    { from: await shift(-30), to: await shift(20) }, // into the future
  ];
  if (edges) {
    periods.push(
      { from: await shift(0, 'month'), to: today }, // the current month
      { from: await shift(-45), to: await shift(-3) }, // both ends mid-month
      { from: today, to: today }, // one day, today
      { from: await shift(5), to: await shift(40) }, // begins after today
    );
  }
  for (const { viewer, enterpriseId } of scopes) {
    const username = viewer.username;
    const as = async <T>(read: (db: RequestDb) => Promise<T>): Promise<T> => {
      const db = new RequestDb(requests, viewer);
      try {
        return await read(db);
      } finally {
        await db.finish(false);
      }
    };
    /** The hazards the viewer sees, as the owner selects them. */
    const seen = (enterprise: string) => `(${enterprise}::bigint is null or h.enterprise_id = ${enterprise}::bigint)`;
    let lateSomewhere = 0;
    for (const period of periods) {
      const read = await as((db) => jurisdictionStats(db, '430900', JurisdictionLevel.town, period, DEFAULT_RISK_WEIGHTS));
      const { rows: defined } = await client.query<{ code: string; ever_overdue: number; rectified_late: number }>(
        `select h.town_code as code,
                count(distinct s.hazard_id) filter (where hazard_overdue_during(s.status, s.deadline, s.started_at, s.ended_at,
                                                      app.day_start($1::date), app.day_start($2::date + 1)))::int as ever_overdue,
                count(distinct s.hazard_id) filter (where s.closed_late and s.started_at >= app.day_start($1::date)
                                                      and s.started_at < app.day_start($2::date + 1))::int as rectified_late
         from hazard_stretches s join hazards h on h.id = s.hazard_id
         where ${seen('$3')}
         group by h.town_code`, [period.from, period.to, enterpriseId]);
      const expected = Object.fromEntries(defined.map((t) => [t.code, { everOverdue: t.ever_overdue, rectifiedLate: t.rectified_late }]));
      const got = Object.fromEntries(read.map((t) => [t.code, { everOverdue: t.everOverdue, rectifiedLate: t.rectifiedLate }]));
      for (const code of Object.keys(got)) expected[code] ??= { everOverdue: 0, rectifiedLate: 0 };
      expect({ username, period, figures: got }).toEqual({ username, period, figures: expected });
      lateSomewhere += read.filter((t) => t.everOverdue > 0).length;
    }
    if (username === 'leader') expect(lateSomewhere).toBeGreaterThan(0);

    for (const interval of edges ? [] : [TrendInterval.MONTH, TrendInterval.WEEK]) {
      // Past months, the current one (judged now) and months to come (judged now too).
      const period = { from: await shift(-23, 'month'), to: await shift(interval === TrendInterval.MONTH ? 2 : 40, interval === TrendInterval.MONTH ? 'month' : 'day') };
      const buckets = await as((db) => hazardTrend(db, { jurisdictionCode: '430900' }, period, interval));
      const { rows: defined } = await client.query<{ overdue: number[] }>(
        `with stretches as materialized (
           select s.status, s.deadline, s.started_at, s.ended_at from hazard_stretches s join hazards h on h.id = s.hazard_id where ${seen('$2')})
         select array_agg((select count(*) from stretches s
                           where hazard_overdue_at_moment(s.status, s.deadline, s.started_at, s.ended_at, j.moment, app.date_at(j.moment)))::int
                          order by e.n) as overdue
         from unnest($1::date[]) with ordinality as e (stop, n)
         cross join lateral (select least(app.day_start(e.stop), now()) as moment) j`, [buckets.map((b) => b.end), enterpriseId]);
      expect({ username, interval, overdue: buckets.map((b) => b.overdue) }).toEqual({ username, interval, overdue: defined[0]!.overdue });
      if (username === 'leader') expect(buckets.some((b) => b.overdue > 0)).toBe(true);
    }
  }
}

function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
