import { randomBytes } from 'node:crypto';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';
import { createUser } from '../support/users';

// The hazard filters behind the ledger's quick views: "due within n days" by the one
// overdue rule, "what I may do" by the database's rule, and search by the subject's name.

let app: TestApp;
let place: Place;
const tag = `筛选测试${randomBytes(3).toString('hex')}`;
const GENERAL = KINDS[0]!;

beforeAll(async () => {
  app = await startTestApp();
  place = await testPlace(app.db.pool);
});
afterAll(() => app.close());

const codes = async (filter: Record<string, unknown>, token: string): Promise<string[]> => {
  const result = await app.gql('query ($filter: HazardFilter) { hazards(filter: $filter, first: 100) { edges { node { id } } } }', { filter }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.hazards.edges.map((e: { node: { id: string } }) => e.node.id).sort();
};

test('due within n days: deadlines from today to n days ahead of unfinished hazards, never an overdue one', async () => {
  const token = await app.login((await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode })).username);
  const make = (status: 'REPORTED' | 'RECTIFYING' | 'AWAITING_VERIFICATION', days: number) =>
    kindHazard(app.db.pool, place, GENERAL, status, { deadlineDays: days, description: tag });
  const today = await make('REPORTED', 0);
  const inSeven = await make('RECTIFYING', 7);
  await make('RECTIFYING', 8);
  await make('REPORTED', -1);
  await make('AWAITING_VERIFICATION', 3);
  expect(await codes({ search: tag, dueWithinDays: 7 }, token)).toEqual([today, inSeven].sort());
  expect(await codes({ search: tag, dueWithinDays: 0 }, token)).toEqual([today]);

  const bad = await app.gql('query { hazards(filter: { dueWithinDays: -1 }) { totalCount } }', {}, token);
  expect(errorCode(bad)).toBe('BAD_USER_INPUT');
});

test('"awaiting my verification" is what the database lets each person verify, also in the cached aggregates', async () => {
  const submitter = await app.login((await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode })).username);
  const colleague = await app.login((await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode })).username);
  const description = `${tag}-verify`;
  const awaiting = await kindHazard(app.db.pool, place, GENERAL, 'AWAITING_VERIFICATION', { description });
  const own = await kindHazard(app.db.pool, place, GENERAL, 'REPORTED', { description });
  const { data: { hazard } } = await app.gql('query ($id: ID!) { hazard(id: $id) { version deadline } }', { id: own }, submitter);
  const started = await app.gql(
    `mutation ($id: ID!, $version: Int!, $deadline: LocalDate!) { startRectification(id: $id, version: $version, fiveInPlace: {
       responsiblePerson: "李四", measures: "清理", fundsYuan: 100, deadline: $deadline, contingencyPlan: "值守" }) { version } }`,
    { id: own, version: hazard.version, deadline: hazard.deadline }, submitter);
  await app.gql('mutation ($id: ID!, $version: Int!) { submitRectification(id: $id, version: $version, note: "完成") { status } }',
    { id: own, version: started.data.startRectification.version }, submitter);

  const filter = { search: description, viewerMay: 'VERIFY_PASS' };
  expect(await codes(filter, submitter)).toEqual([awaiting]);
  expect(await codes(filter, colleague)).toEqual([awaiting, own].sort());
  // The same answer as viewerActions, hazard by hazard.
  const actions = await app.gql('query ($id: ID!) { hazard(id: $id) { viewerActions } }', { id: own }, submitter);
  expect(actions.data.hazard.viewerActions).not.toContain('VERIFY_PASS');

  // Two people of one scope ask the same aggregate: each gets their own count.
  const bySector = 'query ($filter: HazardFilter) { hazardsBySector(filter: $filter) { count } }';
  const count = async (token: string) => ((await app.gql(bySector, { filter }, token)).data.hazardsBySector as { count: number }[])
    .reduce((sum, row) => sum + row.count, 0);
  expect(await count(submitter)).toBe(1);
  expect(await count(colleague)).toBe(2);
});

test('search finds a hazard by its enterprise\'s name', async () => {
  const token = await app.login((await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode })).username);
  const { rows: [enterprise] } = await app.db.pool.query<{ name: string }>('select name from enterprises where id = $1', [place.enterpriseId]);
  const id = await kindHazard(app.db.pool, place, GENERAL, 'REPORTED', { description: `${tag}-enterprise` });
  expect(await codes({ search: enterprise!.name, enterpriseId: String(place.enterpriseId) }, token)).toContain(id);
});
