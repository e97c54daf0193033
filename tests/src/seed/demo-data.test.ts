import type pg from 'pg';
import { testPool } from '../support/db';

// Checks over the demo data the global setup loaded (seed 4309): what the map and the
// dashboards rely on, computed by PostGIS itself.

let pool: pg.Pool;
beforeAll(async () => {
  pool = testPool();
  // The embedded database learns only asynchronously that the previous connection closed
  // (as support/app.ts's openWhenFree explains): the first connection may be turned away.
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('select 1');
      return;
    } catch (error) {
      if (attempt >= 20 || !/Connection terminated unexpectedly/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
afterAll(async () => {
  await pool.end();
});

async function one<T>(text: string, values: unknown[] = []): Promise<T> {
  const { rows } = await pool.query(text, values);
  return rows[0] as T;
}

describe('the demo geography', () => {
  test('the city has at least 90 towns with boundaries, all marked synthetic', async () => {
    const row = await one<{ towns: number; synthetic: number }>(
      `select count(*) as towns, count(*) filter (where synthetic_boundary) as synthetic
         from jurisdictions where level = 'town' and boundary is not null and code like '4309%'`);
    expect(row.towns).toBeGreaterThanOrEqual(90);
    expect(row.synthetic).toBe(row.towns);
  });

  test('the towns of each county add up to its area within 0.1%', async () => {
    const { rows } = await pool.query<{ code: string; ratio: number }>(
      `select c.code, sum(st_area(t.boundary::geography)) / st_area(c.boundary::geography) as ratio
         from jurisdictions c join jurisdictions t on t.parent_code = c.code
        where c.level = 'county' group by c.code, c.boundary`);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(Math.abs(row.ratio - 1)).toBeLessThan(0.001);
  });

  test('no two towns overlap', async () => {
    const row = await one<{ overlap: number; city: number }>(
      `select coalesce(sum(st_area(st_intersection(a.boundary, b.boundary)::geography)), 0) as overlap,
              (select st_area(boundary::geography) from jurisdictions where code = '430900') as city
         from jurisdictions a join jurisdictions b
           on a.level = 'town' and b.level = 'town' and a.code < b.code
          and a.boundary && b.boundary and st_intersects(a.boundary, b.boundary)`);
    expect(row.overlap / row.city).toBeLessThan(1e-6);
  });

  test('every hazard, enterprise and accident lies inside its own town', async () => {
    for (const table of ['hazards', 'enterprises', 'accidents']) {
      const row = await one<{ outside: number; total: number }>(
        `select count(*) filter (where not st_covers(j.boundary, x.location)) as outside, count(*) as total
           from ${table} x join jurisdictions j on j.code = x.town_code`);
      expect({ table, outside: row.outside }).toEqual({ table, outside: 0 });
      expect(row.total).toBeGreaterThan(0);
    }
  });

  test('every road segment lies in the city and its midpoint in its town', async () => {
    const row = await one<{ outside_city: number; midpoint_elsewhere: number; missing_town: number }>(
      `select count(*) filter (where not st_covers(c.boundary, s.geom)) as outside_city,
              count(*) filter (where not st_covers(t.boundary, st_lineinterpolatepoint(s.geom, 0.5))) as midpoint_elsewhere,
              count(*) filter (where not s.town_code = any (s.town_codes)) as missing_town
         from road_segments s join jurisdictions t on t.code = s.town_code, jurisdictions c
        where c.code = '430900'`);
    expect(row).toEqual({ outside_city: 0, midpoint_elsewhere: 0, missing_town: 0 });
  });
});

describe('the demo ledger', () => {
  test('about a tenth of the hazards are overdue and a few percent are major', async () => {
    const row = await one<{ total: number; overdue: number; major: number }>(
      `select count(*) as total, count(*) filter (where hazard_is_overdue(status, deadline)) as overdue,
              count(*) filter (where level = 'MAJOR') as major from hazards`);
    expect(row.total).toBeGreaterThanOrEqual(19000);
    expect(row.overdue / row.total).toBeGreaterThanOrEqual(0.08);
    expect(row.overdue / row.total).toBeLessThanOrEqual(0.12);
    expect(row.major / row.total).toBeGreaterThanOrEqual(0.02);
    expect(row.major / row.total).toBeLessThanOrEqual(0.06);
  });

  test('every status and every source occurs', async () => {
    const { rows: statuses } = await pool.query<{ status: string }>('select distinct status::text from hazards order by 1');
    expect(statuses.map((r) => r.status)).toEqual(['AWAITING_VERIFICATION', 'CLOSED', 'RECTIFYING', 'REPORTED']);
    const { rows: sources } = await pool.query<{ source: string }>('select distinct source::text from hazards order by 1');
    expect(sources.map((r) => r.source)).toEqual(
      ['DEPARTMENT_INSPECTION', 'PUBLIC_REPORT', 'SELF_INSPECTION', 'SUPERVISION', 'UNANNOUNCED_VISIT']);
  });

  test('hazards are about enterprises, road segments and bare places', async () => {
    const row = await one<{ enterprise: number; road: number; place: number }>(
      `select count(enterprise_id) as enterprise, count(road_segment_id) as road,
              count(*) filter (where place_name is not null) as place from hazards`);
    expect(row.enterprise).toBeGreaterThan(row.road + row.place);
    expect(row.road).toBeGreaterThan(0);
    expect(row.place).toBeGreaterThan(0);
  });

  test('every history starts with its creation and follows only legal transitions, each from the status before it', async () => {
    const row = await one<Record<string, number>>(
      `with ev as (
         select h.*, lag(to_status) over w as before, lag(at) over w as previous_at, row_number() over w as n
           from hazard_history h window w as (partition by hazard_id order by at, id))
       select count(*) filter (where n = 1 and event <> 'CREATED') as not_created_first,
              count(*) filter (where n = 1 and to_status <> 'REPORTED') as not_created_reported,
              count(*) filter (where n > 1 and event = 'CREATED') as created_again,
              count(*) filter (where n > 1 and from_status is distinct from before) as broken_chain,
              count(*) filter (where n > 1 and at <= previous_at) as not_increasing,
              count(*) filter (where event <> 'TRANSITION' and n > 1 and from_status <> to_status) as status_changed_outside_transition,
              count(*) filter (where event = 'TRANSITION' and not exists (
                select 1 from hazard_transitions t where t.from_status = ev.from_status and t.to_status = ev.to_status)) as illegal
         from ev`);
    expect(row).toEqual({ not_created_first: 0, not_created_reported: 0, created_again: 0, broken_chain: 0,
      not_increasing: 0, status_changed_outside_transition: 0, illegal: 0 });
  });

  test('every hazard has a history that ends in its current status, found and closed at its own times', async () => {
    const row = await one<Record<string, number>>(
      `select count(*) filter (where l.to_status is distinct from h.status) as wrong_last_status,
              count(*) filter (where f.at is distinct from h.found_at) as created_elsewhen,
              count(*) filter (where h.status = 'CLOSED' and h.closed_at is distinct from l.at) as wrong_closed_at,
              count(*) filter (where l.at >= now()) as in_the_future
         from hazards h
         left join lateral (select to_status, at from hazard_history x
                             where x.hazard_id = h.id and x.event in ('CREATED', 'TRANSITION')
                             order by at desc, id desc limit 1) l on true
         left join lateral (select at from hazard_history x where x.hazard_id = h.id and event = 'CREATED') f on true`);
    expect(row).toEqual({ wrong_last_status: 0, created_elsewhen: 0, wrong_closed_at: 0, in_the_future: 0 });
  });

  test('deadline extensions carry a reason and move the deadline later, to the one in force', async () => {
    const row = await one<{ extensions: number; bad: number; not_in_force: number }>(
      `select count(*) as extensions,
              count(*) filter (where note is null or new_deadline <= old_deadline) as bad,
              count(*) filter (where new_deadline <> (select deadline from hazards where id = hazard_id)) as not_in_force
         from hazard_history where event = 'DEADLINE_EXTENDED'`);
    expect(row.extensions).toBeGreaterThan(0);
    expect(row.bad).toBe(0);
    expect(row.not_in_force).toBe(0);
  });

  test('listed hazards carry their highest listing level, are published, and have a LISTED row per listing', async () => {
    const row = await one<Record<string, number>>(
      `with l as (
         select hazard_id, count(*) as listings,
                (array_agg(level order by case level when 'COUNTY' then 1 when 'CITY' then 2 else 3 end desc))[1] as top
           from listed_supervisions group by hazard_id)
       select count(l.hazard_id) as listed,
              count(*) filter (where h.listed_level is distinct from l.top) as wrong_level,
              count(*) filter (where h.published is distinct from (l.hazard_id is not null)) as wrong_published,
              count(*) filter (where coalesce(l.listings, 0) <> (select count(*) from hazard_history x
                                 where x.hazard_id = h.id and x.event = 'LISTED')) as wrong_history,
              count(*) filter (where l.hazard_id is not null and h.level = 'MAJOR') as listed_major
         from hazards h left join l on l.hazard_id = h.id`);
    expect(row.listed).toBeGreaterThan(0);
    expect(row.listed_major / row.listed).toBeGreaterThan(0.5);
    expect({ ...row, listed: 0, listed_major: 0 }).toEqual({ listed: 0, listed_major: 0, wrong_level: 0, wrong_published: 0, wrong_history: 0 });
  });

  test('inspections and accidents cover three years, so that year-on-year figures exist', async () => {
    const row = await one<{ inspection_years: number; accident_years: number; deadly: number; accidents: number }>(
      `select (select count(distinct (current_date - inspected_on) / 365) from inspections) as inspection_years,
              (select count(distinct (current_date - occurred_at::date) / 365) from accidents) as accident_years,
              (select count(*) filter (where deaths > 0) from accidents) as deadly,
              (select count(*) from accidents) as accidents`);
    expect(row.inspection_years).toBeGreaterThanOrEqual(3);
    expect(row.accident_years).toBeGreaterThanOrEqual(3);
    expect(row.deadly / row.accidents).toBeLessThan(0.5);
  });

  test('every generated row is labelled synthetic and every credit code passes the database check', async () => {
    const row = await one<Record<string, number>>(
      `select (select count(*) from enterprises where not synthetic) + (select count(*) from hazards where not synthetic)
            + (select count(*) from road_segments where not synthetic) + (select count(*) from accidents where not synthetic)
            + (select count(*) from inspections where not synthetic) as unlabelled,
              (select count(*) from enterprises where not app.is_valid_credit_code(credit_code)) as invalid_codes`);
    expect(row).toEqual({ unlabelled: 0, invalid_codes: 0 });
  });
});

describe('the demo users', () => {
  test('there is one demo user per staff role, and the town official has overdue hazards to chase', async () => {
    const { rows } = await pool.query<{ username: string; role: string; jurisdiction_code: string | null }>(
      'select username, role, jurisdiction_code from users where is_demo order by username');
    expect(rows.map((r) => r.role).sort()).toEqual(['admin', 'analyst', 'enterprise', 'inspector', 'leader', 'town']);
    const town = rows.find((r) => r.role === 'town')!;
    const overdue = await one<{ n: number }>(
      'select count(*) as n from hazards where town_code = $1 and hazard_is_overdue(status, deadline)', [town.jurisdiction_code]);
    expect(overdue.n).toBeGreaterThanOrEqual(10);
  });
});
