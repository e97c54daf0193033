import type pg from 'pg';
import { repairSummaries, summaryDrift, type SummaryDrift } from '@risk/db';
import { attempt, readyTestPool, rolledBack } from '../support/db';
import { testPlace } from '../support/closed-loop';

// The hazard summaries (0019_summaries.sql, 0023_summaries_fast.sql) are kept in the writing transaction: after any
// mix of life-cycle writes, imports and deletions every key's count equals a recount of
// the rows (summaryDrift), and the repair rebuilds them from the rows.

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
  // An import: many rows in one statement, then one statement moving half of them on.
  const { rows: imported } = await client.query<{ id: string }>(
    `insert into hazards (code, description, level, sector, source, enterprise_id, location, town_code, found_at,
                          responsible_person, measures, funds_yuan, deadline, contingency_plan)
     select 'IMP-' || md5(random()::text), description, level, sector, source, enterprise_id, location, town_code, found_at,
            'p', 'm', 1, app.today() + (id % 40)::int - 20, 'c'
     from hazards where id % 53 = $1 order by id limit 100
     returning id`, [seed % 53]);
  await client.query(`update hazards set status = 'RECTIFYING' where id = any($1::bigint[]) and id % 2 = 0`, [imported.map((r) => r.id)]);
  // Deletions by the owner: the ledger's foreign keys and append-only history are held back
  // with the replica role, which must not hold back the summaries.
  await client.query('set local session_replication_role = replica');
  await client.query('delete from hazards where id = any($1::bigint[])', [[...ids.slice(0, 5), ...imported.slice(0, 50).map((r) => r.id)]]);
  await client.query('set local session_replication_role = origin');
}

describe('hazard summaries', () => {
  it('start equal to a recount of the rows', async () => {
    expect(await summaryDrift(pool)).toEqual({ counts: 0, months: 0, cells: 0 });
  });

  for (const seed of [1, 2]) {
    it(`equal a recount of the rows after random life-cycle writes, an import and deletions (seed ${seed})`, async () => {
      await rolledBack(pool, async (client) => {
        const { rows: [before] } = await client.query<{ n: number }>('select count(*)::int as n from hazard_count_deltas');
        await lifeCycle(client, seed);
        const { rows: [after] } = await client.query<{ n: number }>('select count(*)::int as n from hazard_count_deltas');
        // The writes went through the deltas (a fold may have moved some; never all of them).
        expect(after!.n).not.toBe(before!.n);
        expect(await summaryDrift(client)).toEqual({ counts: 0, months: 0, cells: 0 });
        // Folding changes where the counts are kept, not what they are.
        await client.query('select app.fold_hazard_summaries()');
        const { rows: [left] } = await client.query<{ n: number }>('select count(*)::int as n from hazard_count_deltas');
        expect(left!.n).toBe(0);
        expect(await summaryDrift(client)).toEqual({ counts: 0, months: 0, cells: 0 });
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
      await client.query('commit');
      drift = await summaryDrift(client);
    } finally {
      client.release();
    }
    expect(drift.counts).toBeGreaterThan(0);
    expect(drift.months).toBeGreaterThan(0);
    expect(drift.cells).toBeGreaterThan(0);
    expect(await repairSummaries(pool)).toEqual(drift);
    expect(await summaryDrift(pool)).toEqual({ counts: 0, months: 0, cells: 0 });
  }, 600_000);

  it('cannot be written by app_user, only read under its row-level security', async () => {
    await rolledBack(pool, async (client) => {
      await client.query(`set local role app_user`);
      for (const table of ['hazard_counts', 'hazard_count_deltas', 'hazard_months', 'hazard_month_deltas', 'hazard_cells', 'hazard_cell_deltas']) {
        expect(await attempt(client, `delete from ${table}`)).toBe('42501');
        expect(await attempt(client, `update ${table} set hazards = hazards + 1`)).toBe('42501');
      }
      expect(await attempt(client, `insert into hazard_count_deltas (town_code, sector, level, status, source, published, hazards)
        values ('430902001', 'FIRE_SAFETY', 'MAJOR', 'REPORTED', 'PUBLIC_REPORT', false, 1000)`)).toBe('42501');
      expect(await attempt(client, `insert into hazard_month_deltas (town_code, sector, level, found_month, hazards)
        values ('430902001', 'FIRE_SAFETY', 'MAJOR', current_date, 1000)`)).toBe('42501');
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
      for (const summary of ['hazard_count_rows', 'hazard_month_rows']) {
        const { rows: mine } = await client.query<{ town_code: string; n: number }>(
          `select town_code, sum(hazards)::int as n from ${summary} group by town_code`);
        expect(mine).toEqual([{ town_code: town!.code, n: town!.n }]);
      }
      const { rows: cells } = await client.query<{ towns: string[]; n: number }>(
        'select array_agg(distinct town_code::text) as towns, sum(hazards)::int as n from hazard_cell_rows where zoom = 1');
      expect(cells).toEqual([{ towns: [town!.code], n: town!.n }]);
      expect(town!.n).toBeLessThan(everywhere!.n);

      await client.query(`select set_config('app.role', 'inspector', true), set_config('app.scope_prefix', '4309', true),
                                 set_config('app.sectors', 'FIRE_SAFETY', true)`);
      for (const summary of ['hazard_count_rows', 'hazard_month_rows']) {
        const { rows: sectors } = await client.query<{ sector: string }>(`select distinct sector from ${summary}`);
        expect(sectors).toEqual([{ sector: 'FIRE_SAFETY' }]);
      }

      await client.query(`select set_config('app.role', 'enterprise', true), set_config('app.scope_prefix', $1, true)`, [town!.code]);
      const { rows: [none] } = await client.query<{ n: number }>(
        'select ((select count(*) from hazard_count_rows) + (select count(*) from hazard_month_rows))::int as n');
      expect(none!.n).toBe(0);
    });
  });
});
