import type { Pool } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { scopeOf, type Scope } from '../support/hazard-fixtures';

// Figures that keep their history (issue 8): a hazard that was ever overdue stays counted as
// such, and a past month is judged with the deadline in force then. Each test writes its own
// hazards with a back-dated history, as the database owner.

let app: TestApp;
let leader: string;
let town: string;
let place: Scope;

beforeAll(async () => {
  app = await startTestApp();
  leader = await app.login('leader');
  town = await app.login('town');
  place = await scopeOf(app.db.pool, 'town');
});
afterAll(() => app.close());

type Status = 'REPORTED' | 'RECTIFYING' | 'AWAITING_VERIFICATION' | 'CLOSED';

/** One back-dated history row: days before now, the status it leads to, the deadline it sets (days from today). */
interface PastEvent {
  daysAgo: number;
  to: Status;
  deadline?: number;
}

/**
 * A hazard in the town official's town whose history is `events`, written by the database
 * owner with the triggers held back (they would stamp every row with now()); the hazard row
 * is what the last event left. Its code starts with `code`.
 */
async function hazardWithPast(pool: Pool, code: string, events: PastEvent[]): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    const last = events.at(-1)!;
    const deadline = events.filter((e) => e.deadline !== undefined).at(-1)!.deadline!;
    const { rows: [hazard] } = await client.query(
      `insert into hazards (code, description, level, sector, source, enterprise_id, location, town_code, found_at,
                            responsible_person, measures, funds_yuan, deadline, contingency_plan, status, closed_at)
       values ($1 || '-' || md5(random()::text), 'test hazard with a past', 'GENERAL', $2, 'DEPARTMENT_INSPECTION', $3,
               st_setsrid(st_makepoint($4, $5), 4326), $6, now() - $7 * interval '1 day',
               'p', 'm', 1, app.today() + $8::int, 'c', $9::text, case when $9::text = 'CLOSED' then now() - $10 * interval '1 day' end)
       returning id`,
      [code, place.sector, place.enterpriseId, place.lng, place.lat, place.townCode, events[0]!.daysAgo, deadline, last.to, last.daysAgo]);
    let from: Status | null = null;
    let inForce: number | null = null;
    for (const event of events) {
      const next: number | null = event.deadline ?? inForce;
      await client.query(
        `insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, old_deadline, new_deadline)
         values ($1, $2, $3, $4, $5, $6, now() - $7 * interval '1 day', app.today() + $8::int, app.today() + $9::int)`,
        [hazard.id, place.townCode, place.sector, from === null ? 'CREATED' : from === event.to ? 'DEADLINE_EXTENDED' : 'TRANSITION',
          from, event.to, event.daysAgo, inForce, next]);
      from = event.to;
      inForce = next;
    }
    await client.query('commit');
    return String(hazard.id);
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

async function sql<T = any>(text: string, values: unknown[] = []): Promise<T> {
  return (await app.db.pool.query(text, values)).rows[0];
}

const unique = () => `T-HONEST-${Math.random().toString(36).slice(2, 10)}`;

interface Bucket { start: string; end: string; found: number; closed: number; overdue: number }

async function trend(code: string, from: string, to: string): Promise<Bucket[]> {
  const result = await app.gql(`query ($town: String!, $from: LocalDate!, $to: LocalDate!, $code: String!) {
    hazardTrend(jurisdictionCode: $town, from: $from, to: $to, interval: MONTH, filter: { search: $code }) { start end found closed overdue } }`,
  { town: place.townCode, from, to, code }, leader);
  expect(result.errors).toBeUndefined();
  return result.data.hazardTrend;
}

interface Figures { overdue: number; everOverdue: number; rectifiedLate: number }

/** The town's figures over the hazards whose code contains `code`. */
async function figures(code: string, from: string, to: string): Promise<Figures> {
  const result = await app.gql(`query ($parent: String!, $from: LocalDate!, $to: LocalDate!, $code: String!) {
    jurisdictionStats(parentCode: $parent, from: $from, to: $to, filter: { search: $code }) { code overdue everOverdue rectifiedLate } }`,
  { parent: place.townCode.slice(0, 6), from, to, code }, leader);
  expect(result.errors).toBeUndefined();
  const { overdue, everOverdue, rectifiedLate } = result.data.jurisdictionStats.find((s: { code: string }) => s.code === place.townCode);
  return { overdue, everOverdue, rectifiedLate };
}

async function marks(id: string): Promise<{ overdue: boolean; everOverdue: boolean; rectifiedLate: boolean; version: number }> {
  const result = await app.gql('query ($id: ID!) { hazard(id: $id) { overdue everOverdue rectifiedLate version } }', { id }, leader);
  expect(result.errors).toBeUndefined();
  return result.data.hazard;
}

const daysFromToday = async (days: number): Promise<string> => (await sql('select (app.today() + $1::int)::text as d', [days])).d;

describe('a hazard whose deadline is extended long after it passed', () => {
  it('leaves every past month of the trend unchanged, drops from overdue now and stays ever overdue', async () => {
    const code = unique();
    const id = await hazardWithPast(app.db.pool, code, [
      { daysAgo: 200, to: 'REPORTED', deadline: -150 },
      { daysAgo: 190, to: 'RECTIFYING' },
    ]);
    const [from, today, deadline] = await Promise.all([daysFromToday(-170), daysFromToday(0), daysFromToday(-150)]);

    const before = await trend(code, from, today);
    expect(before.length).toBeGreaterThanOrEqual(6);
    // Overdue at the end of every month after its deadline, and now.
    expect(before.map((b) => b.overdue)).toEqual(before.map((b) => (b.end > deadline ? 1 : 0)));
    expect(await figures(code, from, today)).toEqual({ overdue: 1, everOverdue: 1, rectifiedLate: 0 });

    const { version } = await marks(id);
    const extended = await app.gql(`mutation ($id: ID!, $version: Int!, $newDeadline: LocalDate!) {
      extendDeadline(id: $id, version: $version, newDeadline: $newDeadline, reason: "设备采购周期长") { deadline overdue } }`,
    // Extended by the county's supervisor: the town, which must fix this place itself, may not.
    { id, version, newDeadline: await daysFromToday(30) }, await app.login('admin'));
    expect(extended.errors).toBeUndefined();
    expect(extended.data.extendDeadline.overdue).toBe(false);

    const after = await trend(code, from, today);
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(after.at(-1)!.overdue).toBe(0);
    expect(await figures(code, from, today)).toEqual({ overdue: 0, everOverdue: 1, rectifiedLate: 0 });
    expect(await marks(id)).toMatchObject({ overdue: false, everOverdue: true, rectifiedLate: false });
  });
});

describe('rectified late (超期整改)', () => {
  it('counts a closing whose rectification was submitted after its deadline, not one submitted in time and verified late', async () => {
    const code = unique();
    const late = await hazardWithPast(app.db.pool, code, [
      { daysAgo: 100, to: 'REPORTED', deadline: -60 },
      { daysAgo: 95, to: 'RECTIFYING' },
      { daysAgo: 40, to: 'AWAITING_VERIFICATION' },
      { daysAgo: 35, to: 'CLOSED' },
    ]);
    const inTime = await hazardWithPast(app.db.pool, code, [
      { daysAgo: 100, to: 'REPORTED', deadline: -45 },
      { daysAgo: 95, to: 'RECTIFYING' },
      { daysAgo: 50, to: 'AWAITING_VERIFICATION' },
      { daysAgo: 35, to: 'CLOSED' },
    ]);
    expect(await marks(late)).toMatchObject({ overdue: false, everOverdue: true, rectifiedLate: true });
    expect(await marks(inTime)).toMatchObject({ overdue: false, everOverdue: false, rectifiedLate: false });

    const [from, today, beforeClosing] = await Promise.all([daysFromToday(-90), daysFromToday(0), daysFromToday(-37)]);
    expect(await figures(code, from, today)).toEqual({ overdue: 0, everOverdue: 1, rectifiedLate: 1 });
    // A period that ends before the closing saw the hazard overdue but not its late closing.
    expect(await figures(code, from, beforeClosing)).toEqual({ overdue: 0, everOverdue: 1, rectifiedLate: 0 });
  });

  it('judges the submission by the deadline in force then: an extension granted before it makes it timely', async () => {
    const code = unique();
    const id = await hazardWithPast(app.db.pool, code, [
      { daysAgo: 100, to: 'REPORTED', deadline: -60 },
      { daysAgo: 95, to: 'RECTIFYING' },
      { daysAgo: 70, to: 'RECTIFYING', deadline: -20 },
      { daysAgo: 40, to: 'AWAITING_VERIFICATION' },
      { daysAgo: 35, to: 'CLOSED' },
    ]);
    expect(await marks(id)).toMatchObject({ everOverdue: false, rectifiedLate: false });
  });
});

describe('the new figures over the demo data', () => {
  it('agree with a plain SQL recount of their definitions for every county of the city', async () => {
    const [from, to] = await Promise.all([daysFromToday(-364), daysFromToday(0)]);
    const result = await app.gql(`query ($from: LocalDate, $to: LocalDate) {
      jurisdictionStats(parentCode: "430900", from: $from, to: $to) { code overdue everOverdue rectifiedLate } }`, { from, to }, leader);
    expect(result.errors).toBeUndefined();
    // Written row by row with correlated subqueries, independently of hazard_stretches: for each
    // history row, the next one, the status and the deadline in force until it.
    const client = await app.db.pool.connect();
    // The planner guesses one closing and joins each to every row; a hash join takes seconds.
    await client.query('begin');
    await client.query('set local enable_nestloop = off');
    const { rows } = await client.query(
      `with bounds as (select app.day_start($1::date) as p0, least(app.day_start($2::date + 1), now()) as p1, app.day_start($2::date + 1) as p_end),
       rows as (
         select h.id, left(h.town_code, 6) as county, r.id as row_id, r.at, r.from_status, r.to_status, n.at as next_at,
                case when n.at is null then h.status else r.to_status end as status,
                case when n.at is null then h.deadline else coalesce(
                  (select x.new_deadline from hazard_history x
                   where x.hazard_id = h.id and (x.at, x.id) <= (r.at, r.id) and x.new_deadline is not null
                   order by x.at desc, x.id desc limit 1), n.old_deadline) end as deadline
         from hazards h join hazard_history r on r.hazard_id = h.id
         left join lateral (select y.at, y.old_deadline from hazard_history y where y.hazard_id = h.id and (y.at, y.id) > (r.at, r.id)
                            order by y.at, y.id limit 1) n on true
         where h.town_code like '4309%'
       ),
       judged as (
         select rows.*, b.*,
                status in ('REPORTED', 'RECTIFYING') and deadline < app.date_at(least(coalesce(next_at, now()), b.p1))
                  and at <= b.p1 and coalesce(next_at, now()) >= b.p0 as overdue_in_period,
                status in ('REPORTED', 'RECTIFYING') and deadline < app.date_at(coalesce(next_at, now())) as overdue_ever
         from rows cross join bounds b
       ),
       -- Each closing with the last RECTIFYING row before it: the stretch its submission ended.
       closings as materialized (
         select distinct on (c.row_id) c.id, c.county, j.overdue_ever as late
         from judged c join judged j on j.id = c.id and j.status = 'RECTIFYING' and (j.at, j.row_id) < (c.at, c.row_id)
         where c.from_status = 'AWAITING_VERIFICATION' and c.to_status = 'CLOSED' and c.at >= c.p0 and c.at < c.p_end
         order by c.row_id, j.at desc, j.row_id desc
       )
       select j.county as code,
              (select count(*)::int from hazards h where left(h.town_code, 6) = j.county and hazard_is_overdue(h.status, h.deadline)) as overdue,
              count(distinct j.id) filter (where j.overdue_in_period)::int as "everOverdue",
              (select count(distinct c.id)::int from closings c where c.county = j.county and c.late) as "rectifiedLate"
       from judged j group by j.county order by j.county`,
      [from, to]).finally(async () => {
      await client.query('rollback');
      client.release();
    });
    const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    expect([...result.data.jurisdictionStats].sort(byCode)).toEqual(rows);
    const total = rows.reduce((sum, r) => sum + r.everOverdue, 0);
    expect(total).toBeGreaterThan(rows.reduce((sum, r) => sum + r.overdue, 0));
    expect(rows.reduce((sum, r) => sum + r.rectifiedLate, 0)).toBeGreaterThan(0);
  });
});
