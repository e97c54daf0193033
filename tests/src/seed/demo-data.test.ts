import type pg from 'pg';
import {
  ACCIDENT_KINDS, businessOf, enterpriseItems, fromTemplate, PLACES, roadItems, type HazardItem, type Sector,
} from '../../../db/src/seed/catalog';
import { NO_LOGIN } from '../../../db/src/seed/staff';
import { testPool } from '../support/db';

// Checks over the demo data the global setup loaded (seed 4309): what the map and the
// dashboards rely on, computed by PostGIS itself.

let pool: pg.Pool;
beforeAll(async () => {
  pool = testPool();
  // The embedded database learns only asynchronously that the previous connection closed
  // (as support/db.ts's whenFree explains): the first connection may be turned away.
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
  test('a minority of the open hazards, 5 to 15 %, are overdue, and a few percent of all are major', async () => {
    const row = await one<{ total: number; open: number; overdue: number; major: number }>(
      `select count(*) as total, count(*) filter (where status <> 'CLOSED') as open,
              count(*) filter (where hazard_is_overdue(status, deadline)) as overdue,
              count(*) filter (where level = 'MAJOR') as major from hazards`);
    expect(row.total).toBeGreaterThanOrEqual(19000);
    expect(row.overdue / row.open).toBeGreaterThanOrEqual(0.05);
    expect(row.overdue / row.open).toBeLessThanOrEqual(0.15);
    expect(row.major / row.total).toBeGreaterThanOrEqual(0.02);
    expect(row.major / row.total).toBeLessThanOrEqual(0.06);
  });

  test('the median overdue hazard is weeks past its deadline, not months', async () => {
    const row = await one<{ median_days: number }>(
      `select percentile_cont(0.5) within group (order by app.today() - deadline) as median_days
         from hazards where hazard_is_overdue(status, deadline)`);
    expect(row.median_days).toBeGreaterThanOrEqual(7);
    expect(row.median_days).toBeLessThanOrEqual(60);
  });

  test('more than 90 % of last year\'s hazards were rectified within the year', async () => {
    // The cohort rate of docs/metrics.md: found in the year, closed before it ended.
    const row = await one<{ found: number; rectified: number }>(
      `with year as (select make_date(extract(year from app.today())::int - 1, 1, 1) as first)
       select count(*) as found,
              count(*) filter (where status = 'CLOSED' and app.date_at(closed_at) < (first + interval '1 year')::date) as rectified
         from hazards, year
        where app.date_at(found_at) >= first and app.date_at(found_at) < (first + interval '1 year')::date`);
    expect(row.found).toBeGreaterThan(5000);
    expect(row.rectified / row.found).toBeGreaterThan(0.9);
  });

  test('hazards are found in waves: the busiest campaign month finds at least 1.5 times the median month', async () => {
    // Whole months only: the ledger's first and the current month are partial.
    const { rows } = await pool.query<{ found: number }>(
      `select count(*) as found from hazards
        where app.date_at(found_at) >= date_trunc('month', (select min(app.date_at(found_at)) from hazards)) + interval '1 month'
          and app.date_at(found_at) < date_trunc('month', app.today())
        group by date_trunc('month', app.date_at(found_at)) order by 1`);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const median = rows[Math.floor(rows.length / 2)]!.found;
    expect(rows[rows.length - 1]!.found / median).toBeGreaterThanOrEqual(1.5);
  });

  test('no closed enterprise (关闭取缔) has an open hazard', async () => {
    const row = await one<{ closed_enterprises: number; open_there: number }>(
      `select (select count(*) from enterprises where status = 'CLOSED') as closed_enterprises,
              count(*) as open_there
         from hazards h join enterprises e on e.id = h.enterprise_id
        where e.status = 'CLOSED' and h.status <> 'CLOSED'`);
    expect(row.closed_enterprises).toBeGreaterThan(0);
    expect(row.open_there).toBe(0);
  });

  test('the ledger holds at least 1,500 distinct descriptions per 20,000 hazards', async () => {
    const row = await one<{ hazards: number; distinct: number }>(
      'select count(*) as hazards, count(distinct description) as distinct from hazards');
    expect(row.distinct / row.hazards).toBeGreaterThanOrEqual(1500 / 20000);
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

  test('only major hazards are listed (挂牌督办); they carry their highest listing level, are published, and have a LISTED row per listing', async () => {
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
              count(*) filter (where l.hazard_id is not null and h.level <> 'MAJOR') as listed_not_major
         from hazards h left join l on l.hazard_id = h.id`);
    expect(row.listed).toBeGreaterThan(0);
    expect({ ...row, listed: 0 }).toEqual({ listed: 0, listed_not_major: 0, wrong_level: 0, wrong_published: 0, wrong_history: 0 });
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

describe('the demo descriptions fit what each hazard is about', () => {
  type Fit = { id: number; description: string; level: string; sector: Sector; kind: string; subject_sector: Sector | null;
    enterprise_name: string | null; road_name: string | null; features: string[] | null; place_name: string | null };
  let hazards: Fit[];
  beforeAll(async () => {
    ({ rows: hazards } = await pool.query<Fit>(
      `select h.id, h.description, h.level, h.sector,
              case when h.enterprise_id is not null then 'enterprise' when h.road_segment_id is not null then 'road' else 'place' end as kind,
              e.sector as subject_sector, e.name as enterprise_name, s.road_name, s.features::text[] as features, h.place_name
         from hazards h left join enterprises e on e.id = h.enterprise_id left join road_segments s on s.id = h.road_segment_id`));
  });
  const misfits = (kind: string, items: (h: Fit) => { general: readonly HazardItem[]; major: readonly HazardItem[] }, text: (h: Fit) => string) =>
    hazards.filter((h) => h.kind === kind).filter((h) => {
      const own = items(h);
      return !(h.level === 'MAJOR' ? own.major : own.general).some((item) => fromTemplate(text(h), item));
    }).map((h) => `${h.id}: ${h.description}`);

  test('an enterprise\'s hazards are of its sector, from the items of its business', () => {
    expect(hazards.filter((h) => h.kind === 'enterprise' && h.sector !== h.subject_sector)).toEqual([]);
    expect(misfits('enterprise', (h) => enterpriseItems(h.sector, businessOf(h.sector, h.enterprise_name!)), (h) => h.description)).toEqual([]);
  });

  test('a road segment\'s hazards name a chainage on that road and come from the road catalogue of its features', () => {
    const chainage = (h: Fit): RegExp => new RegExp(`^${h.road_name}K\\d+\\+\\d{3}处`);
    expect(hazards.filter((h) => h.kind === 'road' && (h.sector !== 'ROAD_TRAFFIC' || !chainage(h).test(h.description)))).toEqual([]);
    expect(misfits('road', (h) => roadItems(h.features!), (h) => h.description.replace(chainage(h), ''))).toEqual([]);
    // Said plainly: a road has no drivers, vehicles, workshops or paperwork of its own.
    expect(hazards.filter((h) => h.kind === 'road' && /驾驶员|车辆|车间|记录|培训/.test(h.description))).toEqual([]);
  });

  test('a bare place\'s hazards are the place\'s own, in its sector', () => {
    const placeOf = (h: Fit) => PLACES.find((p) => h.place_name!.endsWith(p.name))!;
    expect(hazards.filter((h) => h.kind === 'place' && (!h.place_name || placeOf(h)?.sector !== h.sector))).toEqual([]);
    expect(misfits('place', placeOf, (h) => h.description.slice(h.place_name!.length))).toEqual([]);
  });
});

describe('the closed loop in the demo histories', () => {
  test('every history row names the real user who acted', async () => {
    const row = await one<{ rows: number; without_actor: number; unknown_actor: number }>(
      `select count(*) as rows, count(*) filter (where x.actor_id is null) as without_actor,
              count(*) filter (where x.actor_id is not null and u.id is null) as unknown_actor
         from hazard_history x left join users u on u.id = x.actor_id`);
    expect(row.rows).toBeGreaterThan(0);
    expect({ without_actor: row.without_actor, unknown_actor: row.unknown_actor }).toEqual({ without_actor: 0, unknown_actor: 0 });
  });

  test('the rectifying party starts and submits: the enterprise\'s own user, or the town for a road or a place', async () => {
    const row = await one<{ steps: number; not_rectifier: number }>(
      `select count(*) as steps,
              count(*) filter (where not case when h.enterprise_id is not null then u.enterprise_id = h.enterprise_id
                                              else u.role = 'town' and u.jurisdiction_code = h.town_code end) as not_rectifier
         from hazard_history x join hazards h on h.id = x.hazard_id join users u on u.id = x.actor_id
        where x.event = 'TRANSITION' and (x.from_status = 'REPORTED' or x.to_status = 'AWAITING_VERIFICATION')`);
    expect(row.steps).toBeGreaterThan(0);
    expect(row.not_rectifier).toBe(0);
  });

  test('no one verifies (验收) a rectification they started or submitted, nor one of their own enterprise', async () => {
    const row = await one<Record<string, number>>(
      `select count(*) as verifications,
              count(*) filter (where v.actor_id = s.actor_id or v.actor_id = sub.actor_id) as own_work,
              count(*) filter (where u.role in ('enterprise', 'public')) as not_staff,
              count(*) filter (where u.enterprise_id = h.enterprise_id) as own_enterprise
         from hazard_history v join hazards h on h.id = v.hazard_id join users u on u.id = v.actor_id
         join lateral (select actor_id from hazard_history x where x.hazard_id = v.hazard_id and x.event = 'TRANSITION'
                          and x.from_status = 'REPORTED') s on true
         join lateral (select actor_id from hazard_history x where x.hazard_id = v.hazard_id and x.event = 'TRANSITION'
                          and x.to_status = 'AWAITING_VERIFICATION' and x.at < v.at order by x.at desc limit 1) sub on true
        where v.event = 'TRANSITION' and v.from_status = 'AWAITING_VERIFICATION'`);
    expect(row.verifications).toBeGreaterThan(0);
    expect({ ...row, verifications: 0 }).toEqual({ verifications: 0, own_work: 0, not_staff: 0, own_enterprise: 0 });
  });

  // The levels of the jurisdictions a user may act for a hazard in: its town, county, city, province.
  const actingLevel = `case u.jurisdiction_code when t.code then 1 when c.code then 2 when c.parent_code then 3 when ct.parent_code then 4 end`;
  const verifications = `hazard_history v join hazards h on h.id = v.hazard_id join users u on u.id = v.actor_id
         join jurisdictions t on t.code = h.town_code join jurisdictions c on c.code = t.parent_code
         join jurisdictions ct on ct.code = c.parent_code
        where v.event = 'TRANSITION' and v.from_status = 'AWAITING_VERIFICATION'`;

  test('a major hazard is verified only by an inspector of its sector or by staff of its county or above, never by a town', async () => {
    const row = await one<{ verifications: number; wrong: number }>(
      `select count(*) as verifications,
              count(*) filter (where ${actingLevel} is null or ${actingLevel} < 2
                                  or (u.role = 'inspector' and not h.sector = any (u.sectors))) as wrong
         from ${verifications} and h.level = 'MAJOR'`);
    expect(row.verifications).toBeGreaterThan(0);
    expect(row.wrong).toBe(0);
  });

  test('a listed hazard is closed only at the level that listed it or above (谁挂牌、谁销号)', async () => {
    const row = await one<{ closings: number; below: number }>(
      `select count(*) as closings,
              count(*) filter (where coalesce(${actingLevel}, 0)
                                     < case h.listed_level when 'COUNTY' then 2 when 'CITY' then 3 else 4 end) as below
         from ${verifications} and v.to_status = 'CLOSED' and h.listed_level is not null`);
    expect(row.closings).toBeGreaterThan(0);
    expect(row.below).toBe(0);
  });

  test('deadlines are set at registration and move only by a reasoned extension, by staff, before they passed', async () => {
    // The deadline in force before each row is the last one a row carried: a row that sets
    // or keeps a deadline carries it as new_deadline, and states the one before as old_deadline.
    const row = await one<Record<string, number>>(
      `with x as (
         select x.*, h.source, h.deadline as current_deadline, u.role,
                (array_remove(array_agg(x.new_deadline) over w, null))[count(x.new_deadline) over w] as carried
           from hazard_history x join hazards h on h.id = x.hazard_id join users u on u.id = x.actor_id
         window w as (partition by x.hazard_id order by x.at rows between unbounded preceding and 1 preceding))
       select count(*) filter (where event = 'CREATED' and source <> 'PUBLIC_REPORT' and new_deadline is null) as registered_without,
              count(*) filter (where event = 'TRANSITION' and new_deadline is null) as transition_without,
              count(*) filter (where event in ('TRANSITION', 'DEADLINE_EXTENDED') and old_deadline is distinct from carried) as broken_chain,
              count(*) filter (where event = 'TRANSITION' and old_deadline is not null and new_deadline <> old_deadline) as moved_by_transition,
              count(*) filter (where event = 'DEADLINE_EXTENDED' and (note is null or new_deadline <= old_deadline)) as unreasoned,
              count(*) filter (where event = 'DEADLINE_EXTENDED' and role not in ('town', 'inspector', 'leader', 'analyst', 'admin')) as not_by_staff,
              count(*) filter (where event = 'DEADLINE_EXTENDED' and app.date_at(at) > old_deadline) as after_overdue,
              count(*) filter (where event = 'DEADLINE_EXTENDED') as extensions
         from x`);
    expect(row.extensions).toBeGreaterThan(0);
    expect({ ...row, extensions: 0 }).toEqual({ extensions: 0, registered_without: 0, transition_without: 0, broken_chain: 0,
      moved_by_transition: 0, unreasoned: 0, not_by_staff: 0, after_overdue: 0 });
    const last = await one<{ differ: number }>(
      `select count(*) as differ from hazards h
         where h.deadline is distinct from (select new_deadline from hazard_history x where x.hazard_id = h.id
                                              and x.new_deadline is not null order by x.at desc limit 1)`);
    expect(last.differ).toBe(0);
  });
});

describe('the demo accidents', () => {
  test('every accident was reported: most within the hour Decree 493 allows, a few late (迟报)', async () => {
    const row = await one<{ accidents: number; unreported: number; before_it: number; late: number }>(
      `select count(*) as accidents, count(*) filter (where reported_at is null) as unreported,
              count(*) filter (where reported_at < occurred_at) as before_it,
              count(*) filter (where reported_at > occurred_at + interval '1 hour') as late
         from accidents`);
    expect(row.unreported).toBe(0);
    expect(row.before_it).toBe(0);
    expect(row.late).toBeGreaterThan(0);
    expect(row.late / row.accidents).toBeLessThan(0.1);
  });

  test('no accident kills or injures more than its kind can: an elevator entrapment harms no one', async () => {
    const { rows } = await pool.query<{ sector: Sector; description: string; deaths: number; serious_injuries: number }>(
      'select sector, description, deaths, serious_injuries from accidents');
    const implausible = rows.filter((a) => {
      const kind = (ACCIDENT_KINDS[a.sector] ?? []).find((k) => a.description.includes(`${k.name}事故`));
      return !kind || a.deaths > kind.maxDeaths || a.serious_injuries > kind.maxInjuries;
    });
    expect(implausible).toEqual([]);
    expect(rows.filter((a) => a.description.includes('电梯困人') && a.deaths + a.serious_injuries > 0)).toEqual([]);
  });
});

describe('the demo users', () => {
  test('there is one demo user per staff role, and the town official\'s town is typical of its county, not the worst', async () => {
    const { rows } = await pool.query<{ username: string; role: string; jurisdiction_code: string | null }>(
      'select username, role, jurisdiction_code from users where is_demo order by username');
    expect(rows.map((r) => r.role).sort()).toEqual(['admin', 'analyst', 'enterprise', 'inspector', 'leader', 'town']);
    const town = rows.find((r) => r.role === 'town')!;
    const row = await one<{ overdue: number; p25: number; p75: number; worst: number }>(
      `with towns as (
         select t.code, t.parent_code as county, count(h.id) filter (where hazard_is_overdue(h.status, h.deadline)) as overdue
           from jurisdictions t left join hazards h on h.town_code = t.code
          where t.level = 'town' group by t.code, t.parent_code)
       select (select overdue from towns where code = $1) as overdue,
              percentile_cont(0.25) within group (order by overdue) as p25,
              percentile_cont(0.75) within group (order by overdue) as p75, max(overdue) as worst
         from towns where county = (select county from towns where code = $1)`, [town.jurisdiction_code]);
    expect(row.overdue).toBeGreaterThanOrEqual(row.p25);
    expect(row.overdue).toBeLessThanOrEqual(row.p75);
    expect(row.overdue).toBeLessThan(row.worst);
    expect(row.overdue).toBeGreaterThanOrEqual(1);
  });

  test('the staff who act in the histories cannot sign in, and are not listed as demo users', async () => {
    const row = await one<{ staff: number; with_password: number; demo: number }>(
      `select count(*) as staff, count(*) filter (where password_hash <> $1) as with_password,
              count(*) filter (where is_demo) as demo
         from users where id in (select actor_id from hazard_history)`, [NO_LOGIN]);
    expect(row.staff).toBeGreaterThan(0);
    expect({ with_password: row.with_password, demo: row.demo }).toEqual({ with_password: 0, demo: 0 });
  });
});
