import { errorCode, startTestApp, type TestApp } from '../support/app';
import { dayAfter, deadlineOf, sweep } from '../support/chase';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';
import { townOutside } from '../support/hazard-fixtures';
import { createUser, type TestUser } from '../support/users';

// The inbox (notifications, unreadNotificationCount, markNotificationsRead), the ladder in a
// hazard's history, and the escalations per unit in jurisdictionStats, through GraphQL.

const GENERAL = KINDS[0]!;
const INBOX = `query { unreadNotificationCount notifications { id hazardId hazardCode readAt chase { step issuer text deadline daysOverdue } } }`;
const MARK = 'mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }';

let app: TestApp;
let place: Place;
let official: TestUser;
let enterprise: TestUser;
let otherTown: TestUser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  place = await testPlace(app.db.pool);
  const elsewhere = await townOutside(app.db.pool, place.townCode);
  [official, enterprise, otherTown] = await Promise.all([
    createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode }),
    createUser(app.db.pool, { role: 'enterprise', enterpriseId: place.enterpriseId }),
    createUser(app.db.pool, { role: 'town', jurisdictionCode: elsewhere.townCode }),
  ]);
  for (const user of [official, enterprise, otherTown]) tokens[user.username] = await app.login(user.username);
});

afterAll(async () => {
  await app?.close();
});

const inboxOf = async (user: TestUser) => {
  const result = await app.gql(INBOX, {}, tokens[user.username]);
  expect(result.errors).toBeUndefined();
  return result.data as { unreadNotificationCount: number; notifications: any[] };
};

test('a reminder reaches the town official\'s inbox once; marking it read empties the bell; nobody else can read or mark it', async () => {
  const id = await kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: 3 });
  const { today } = await deadlineOf(app.db.pool, id);
  const before = await inboxOf(official);
  await sweep(app.db.pool, [id], today);
  await sweep(app.db.pool, [id], today);

  const after = await inboxOf(official);
  expect(after.unreadNotificationCount).toBe(before.unreadNotificationCount + 1);
  const [item] = after.notifications;
  expect(item).toMatchObject({ hazardId: id, readAt: null, chase: { step: 'REMINDER', issuer: null, daysOverdue: -3 } });
  expect(item.chase.text).toContain(item.hazardCode);

  // Another town's official sees none of it and cannot mark it.
  expect((await inboxOf(otherTown)).notifications.map((n) => n.id)).not.toContain(item.id);
  expect((await app.gql(MARK, { ids: [item.id] }, tokens[otherTown.username])).data.markNotificationsRead).toBe(0);
  expect((await inboxOf(official)).notifications[0].readAt).toBeNull();

  expect((await app.gql(MARK, { ids: [item.id] }, tokens[official.username])).data.markNotificationsRead).toBe(1);
  const read = await inboxOf(official);
  expect(read.unreadNotificationCount).toBe(before.unreadNotificationCount);
  expect(read.notifications[0].readAt).not.toBeNull();
});

test('a user whose scope no longer holds the hazard no longer sees its notifications', async () => {
  const id = await kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: 1 });
  const moved = await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode });
  const token = await app.login(moved.username);
  await sweep(app.db.pool, [id], (await deadlineOf(app.db.pool, id)).today);
  const count = async () => (await app.gql('{ unreadNotificationCount }', {}, token)).data.unreadNotificationCount;
  expect(await count()).toBe(1);
  const elsewhere = await townOutside(app.db.pool, place.townCode);
  await app.db.pool.query('update users set jurisdiction_code = $2 where id = $1', [moved.id, elsewhere.townCode]);
  expect(await count()).toBe(0);
});

test('the ladder is in the hazard\'s history with its issuer, in the enterprise\'s inbox, and counted for the unit in jurisdictionStats', async () => {
  const id = await kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: 30 });
  const { deadline } = await deadlineOf(app.db.pool, id);
  const [from, to] = [dayAfter(deadline, 1), dayAfter(deadline, 60)];
  const county = place.townCode.slice(0, 6);
  const leader = await app.login('leader');
  const STATS = `query ($p: String!, $from: LocalDate, $to: LocalDate) {
    jurisdictionStats(parentCode: $p, level: town) { code escalations(from: $from, to: $to) { writtenExplanations supervisionLetters publicCriticisms } } }`;
  const unitOf = async () => {
    const result = await app.gql(STATS, { p: county, from, to }, leader);
    expect(result.errors).toBeUndefined();
    return result.data.jurisdictionStats.find((s: { code: string }) => s.code === place.townCode).escalations;
  };
  const before = await unitOf();
  for (const days of [1, 30, 60]) await sweep(app.db.pool, [id], dayAfter(deadline, days));

  const history = await app.gql(`query ($id: ID!) { hazard(id: $id) { history { event actor { id } note escalation { step issuer text } } } }`,
    { id }, tokens[official.username]);
  const escalated = history.data.hazard.history.filter((h: { event: string }) => h.event === 'ESCALATED');
  expect(escalated.map((h: any) => h.escalation.step)).toEqual(['WRITTEN_EXPLANATION', 'SUPERVISION_LETTER', 'PUBLIC_CRITICISM']);
  expect(escalated.every((h: any) => h.actor === null && h.escalation.issuer.endsWith('安全生产委员会') && h.note === h.escalation.text)).toBe(true);

  const steps = (await inboxOf(enterprise)).notifications.filter((n) => n.hazardId === id).map((n) => n.chase.step);
  expect(steps.sort()).toEqual(['PUBLIC_CRITICISM', 'SUPERVISION_LETTER', 'WRITTEN_EXPLANATION']);

  const after = await unitOf();
  expect(after).toEqual({
    writtenExplanations: before.writtenExplanations + 1,
    supervisionLetters: before.supervisionLetters + 1,
    publicCriticisms: before.publicCriticisms + 1,
  });
  const { rows: [recount] } = await app.db.pool.query(
    `select count(*) filter (where step = 'SUPERVISION_LETTER')::int as letters from hazard_chases
     where town_code = $1 and on_day between $2 and $3`, [place.townCode, from, to]);
  expect(after.supervisionLetters).toBe(recount.letters);
});

test('bad input and the public are refused, and change nothing', async () => {
  expect(errorCode(await app.gql('{ unreadNotificationCount }'))).toBe('UNAUTHENTICATED');
  expect(errorCode(await app.gql(MARK, { ids: null }))).toBe('UNAUTHENTICATED');
  const token = tokens[official.username];
  expect(errorCode(await app.gql('{ notifications(first: 0) { id } }', {}, token))).toBe('BAD_USER_INPUT');
  expect(errorCode(await app.gql(MARK, { ids: ['abc'] }, token))).toBe('BAD_USER_INPUT');
  const leader = await app.login('leader');
  expect(errorCode(await app.gql(`{ jurisdictionStats(parentCode: "430900") { escalations(from: "2026-02-01", to: "2026-01-01") { supervisionLetters } } }`, {}, leader)))
    .toBe('BAD_USER_INPUT');
});
