import type pg from 'pg';
import { attempt, readyTestPool, rolledBack } from '../support/db';
import { chasesOf, dayAfter, deadlineOf, sweep } from '../support/chase';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';
import { createUser } from '../support/users';

// The chase (docs/chasing.md) at the database, on a controlled clock: app.chase_sweep's
// on_day stands for the day it runs. Each test sweeps its own hazards only, in a transaction
// that is rolled back.

const GENERAL = KINDS[0]!;
const CITY_LISTED = KINDS.find((kind) => kind.listed.join() === 'CITY')!;
const LADDER = ['WRITTEN_EXPLANATION', 'SUPERVISION_LETTER', 'PUBLIC_CRITICISM'];

let pool: pg.Pool;
let place: Place;

beforeAll(async () => {
  pool = await readyTestPool();
  place = await testPlace(pool);
});

afterAll(async () => {
  await pool?.end();
});

const steps = async (db: pg.PoolClient, id: string) => (await chasesOf(db, id)).map((c) => c.step);

test('a hazard due in 3 days produces one reminder, once, however often the sweep runs', async () => {
  await rolledBack(pool, async (db) => {
    const id = await kindHazard(db, place, GENERAL, 'RECTIFYING', { deadlineDays: 3 });
    const { deadline, today } = await deadlineOf(db, id);
    expect(await sweep(db, [id], today)).toBe(1);
    expect(await sweep(db, [id], today)).toBe(0);
    // Two days left is still the 3-day reminder's stretch; one day left is the next reminder.
    expect(await sweep(db, [id], dayAfter(today, 1))).toBe(0);
    expect(await sweep(db, [id], dayAfter(today, 2))).toBe(1);
    expect(await sweep(db, [id], dayAfter(today, 2))).toBe(0);
    const chases = await chasesOf(db, id);
    expect(chases.map((c) => [c.step, c.days_before, c.deadline])).toEqual([['REMINDER', 3, deadline], ['REMINDER', 1, deadline]]);
    expect(chases[0]!.text).toContain('还剩 3 天');
    expect(chases[0]!.issuer).toBeNull();
  });
});

test('a hazard 1, 30 and 60 days overdue walks up the ladder exactly once per step, each step in its history', async () => {
  await rolledBack(pool, async (db) => {
    const id = await kindHazard(db, place, GENERAL, 'RECTIFYING', { deadlineDays: 30 });
    const { deadline } = await deadlineOf(db, id);
    // The day it becomes overdue is the day after the deadline (hazard_is_overdue_on).
    expect(await sweep(db, [id], deadline)).toBe(1);
    expect(await steps(db, id)).toEqual(['REMINDER']);
    for (const days of [1, 1, 2, 29, 30, 30, 45, 59, 60, 60, 61, 90, 365]) await sweep(db, [id], dayAfter(deadline, days));
    const chases = await chasesOf(db, id);
    expect(chases.map((c) => [c.step, c.on_day])).toEqual([
      ['REMINDER', deadline],
      ['OVERDUE', dayAfter(deadline, 1)],
      ['WRITTEN_EXPLANATION', dayAfter(deadline, 1)],
      ['SUPERVISION_LETTER', dayAfter(deadline, 30)],
      ['PUBLIC_CRITICISM', dayAfter(deadline, 60)],
    ]);
    const { rows: names } = await db.query(
      `select t.name as town, c.name as county, y.name as city from jurisdictions t, jurisdictions c, jurisdictions y
       where t.code = $1 and c.code = left($1, 6) and y.code = left($1, 4) || '00'`, [place.townCode]);
    expect(chases.slice(2).map((c) => c.issuer)).toEqual(
      [`${names[0].town}安全生产委员会`, `${names[0].county}安全生产委员会`, `${names[0].city}安全生产委员会`]);
    expect(chases[3]!.text).toMatch(/^【督办函】.*超期 30 天/);

    const { rows: history } = await db.query(
      `select event, actor_id, note, chase_id, from_status, to_status from hazard_history where hazard_id = $1 and event = 'ESCALATED' order by id`, [id]);
    expect(history.map((h) => Number(h.chase_id))).toEqual(chases.slice(2).map((c) => Number(c.id)));
    expect(history.every((h) => h.actor_id === null && h.from_status === 'RECTIFYING' && h.to_status === 'RECTIFYING')).toBe(true);
    expect(history.map((h) => h.note)).toEqual(chases.slice(2).map((c) => c.text));
  });
});

test('a sweep that missed days takes the step due now, not every step it missed', async () => {
  await rolledBack(pool, async (db) => {
    const id = await kindHazard(db, place, GENERAL, 'RECTIFYING', { deadlineDays: 30 });
    const { deadline } = await deadlineOf(db, id);
    expect(await sweep(db, [id], dayAfter(deadline, 40))).toBe(2);
    expect(await steps(db, id)).toEqual(['OVERDUE', 'SUPERVISION_LETTER']);
  });
});

test('closing a hazard, or submitting it for verification, stops its ladder', async () => {
  await rolledBack(pool, async (db) => {
    const id = await kindHazard(db, place, GENERAL, 'RECTIFYING', { deadlineDays: 30 });
    const { deadline } = await deadlineOf(db, id);
    expect(await sweep(db, [id], dayAfter(deadline, 1))).toBe(2);
    await db.query(`update hazards set status = 'AWAITING_VERIFICATION' where id = $1`, [id]);
    expect(await sweep(db, [id], dayAfter(deadline, 30))).toBe(0);
    await db.query(`update hazards set status = 'CLOSED' where id = $1`, [id]);
    for (const days of [30, 60, 90]) expect(await sweep(db, [id], dayAfter(deadline, days))).toBe(0);
    expect(await steps(db, id)).toEqual(['OVERDUE', 'WRITTEN_EXPLANATION']);
  });
});

test('extending the deadline stops the ladder; the new deadline is chased afresh, once', async () => {
  await rolledBack(pool, async (db) => {
    const id = await kindHazard(db, place, GENERAL, 'RECTIFYING', { deadlineDays: 30 });
    const { deadline } = await deadlineOf(db, id);
    expect(await sweep(db, [id], dayAfter(deadline, 1))).toBe(2);
    const extended = dayAfter(deadline, 100);
    await db.query(`select set_config('app.deadline_reason', '设备到货延迟，经批准延期', true)`);
    await db.query('update hazards set deadline = $2 where id = $1', [id, extended]);
    for (const days of [2, 30, 60]) expect(await sweep(db, [id], dayAfter(deadline, days))).toBe(0);
    expect(await sweep(db, [id], dayAfter(extended, -3))).toBe(1);
    expect(await sweep(db, [id], dayAfter(extended, 1))).toBe(2);
    expect(await sweep(db, [id], dayAfter(extended, 1))).toBe(0);
    const chases = await chasesOf(db, id);
    expect(chases.map((c) => [c.step, c.deadline])).toEqual([
      ['OVERDUE', deadline], ['WRITTEN_EXPLANATION', deadline],
      ['REMINDER', extended], ['OVERDUE', extended], ['WRITTEN_EXPLANATION', extended],
    ]);
  });
});

test('a listed hazard follows the listing body\'s deadline and ladder', async () => {
  await rolledBack(pool, async (db) => {
    const id = await kindHazard(db, place, CITY_LISTED, 'RECTIFYING', { deadlineDays: 30 });
    const { rows: [listing] } = await db.query(
      `select id, deadline, listing_body from listed_supervisions where hazard_id = $1`, [id]);
    const { rows: [config] } = await db.query('select listed_escalation_days as days from app.deployment');
    const { deadline } = await deadlineOf(db, id);
    // Past the hazard's own deadline but not the listing's (督办期限): no overdue notice.
    expect(listing.deadline > deadline).toBe(true);
    expect(await sweep(db, [id], dayAfter(deadline, 1))).toBe(0);
    for (const days of [1, ...config.days, ...config.days]) await sweep(db, [id], dayAfter(listing.deadline, days));
    const chases = await chasesOf(db, id);
    expect(chases.map((c) => c.step)).toEqual(['OVERDUE', ...LADDER]);
    expect(chases.every((c) => c.deadline === listing.deadline && Number(c.listing_id) === Number(listing.id))).toBe(true);
    expect(chases.slice(1).map((c) => c.issuer)).toEqual(LADDER.map(() => listing.listing_body));
    expect(chases.slice(1).map((c) => c.on_day)).toEqual(config.days.map((d: number) => dayAfter(listing.deadline, d)));
  });
});

test('the rectifying party and the town are reminded; the overdue notice goes to the town and the county\'s department of the sector', async () => {
  await rolledBack(pool, async (db) => {
    const hash = { passwordHash: 'not-a-password' };
    const town = await createUser(db, { role: 'town', jurisdictionCode: place.townCode, ...hash });
    const enterprise = await createUser(db, { role: 'enterprise', enterpriseId: place.enterpriseId, ...hash });
    const inspector = await createUser(db, { role: 'inspector', jurisdictionCode: place.townCode.slice(0, 6), sectors: [place.sector], ...hash });
    const otherSector = place.sector === 'FIRE_SAFETY' ? 'CITY_GAS' : 'FIRE_SAFETY';
    const elsewhere = await createUser(db, { role: 'inspector', jurisdictionCode: place.townCode.slice(0, 6), sectors: [otherSector], ...hash });
    const users = [town, enterprise, inspector, elsewhere];
    const inbox = async () => {
      const { rows } = await db.query(
        `select n.user_id, c.step from notifications n join hazard_chases c on c.id = n.chase_id
         where n.user_id = any($1::bigint[]) order by c.id, n.user_id`, [users.map((u) => u.id)]);
      return rows.map((r) => `${users.findIndex((u) => u.id === Number(r.user_id))}:${r.step}`);
    };
    const id = await kindHazard(db, place, GENERAL, 'RECTIFYING', { deadlineDays: 7 });
    const { deadline, today } = await deadlineOf(db, id);
    await sweep(db, [id], today);
    await sweep(db, [id], today);
    expect(await inbox()).toEqual(['0:REMINDER', '1:REMINDER']);
    await sweep(db, [id], dayAfter(deadline, 1));
    await sweep(db, [id], dayAfter(deadline, 1));
    expect(await inbox()).toEqual(['0:REMINDER', '1:REMINDER', '0:OVERDUE', '2:OVERDUE',
      '0:WRITTEN_EXPLANATION', '1:WRITTEN_EXPLANATION', '2:WRITTEN_EXPLANATION']);
  });
});

test('the chase is configured in app.deployment, and a bad list of days is refused', async () => {
  await rolledBack(pool, async (db) => {
    await db.query(`update app.deployment set reminder_days = '{5}'`);
    const id = await kindHazard(db, place, GENERAL, 'RECTIFYING', { deadlineDays: 5 });
    const { today } = await deadlineOf(db, id);
    expect(await sweep(db, [id], today)).toBe(1);
    expect((await chasesOf(db, id))[0]!.days_before).toBe(5);
    for (const bad of [`reminder_days = '{}'`, `reminder_days = '{0}'`, `reminder_days = '{3,3}'`,
      `escalation_days = '{30,1,60}'`, `escalation_days = '{1,30}'`, `listed_escalation_days = '{1,null,30}'`]) {
      expect([bad, await attempt(db, `update app.deployment set ${bad}`)]).toEqual([bad, '23514']);
    }
  });
});
