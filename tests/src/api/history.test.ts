import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { freshHazard, scopeOf, type Scope } from '../support/hazard-fixtures';

const ENTRY = 'event at note actor { id displayName } changes { field oldValue newValue }';
const ENTERPRISE = `query ($id: ID!) { enterprise(id: $id) { id version history { ${ENTRY} } } }`;
const CREATE_ENTERPRISE = `mutation ($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { id version } }`;
const UPDATE_ENTERPRISE = `mutation ($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { id version history { ${ENTRY} } } }`;
const ACCIDENT_FIELDS = `id version reportedAt reportedLate history { ${ENTRY} }`;
const CREATE_ACCIDENT = `mutation ($input: CreateAccidentInput!) { createAccident(input: $input) { ${ACCIDENT_FIELDS} } }`;
const UPDATE_ACCIDENT = `mutation ($input: UpdateAccidentInput!) { updateAccident(input: $input) { ${ACCIDENT_FIELDS} } }`;
const ACCIDENT = `query ($id: ID!) { accident(id: $id) { ${ACCIDENT_FIELDS} } }`;
const PUBLISH = `mutation ($id: ID!, $v: Int!, $p: Boolean!, $note: String!) {
  setHazardPublication(id: $id, version: $v, published: $p, note: $note) { id version published } }`;
const HAZARD_HISTORY = `query ($id: ID!) { hazard(id: $id) { history {
  event note actor { id displayName } listing { level listingBody deadline } } } }`;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

let app: TestApp;
let town: Scope;
let token: string;
let townName: string;

beforeAll(async () => {
  app = await startTestApp();
  town = await scopeOf(app.db.pool, 'town');
  token = await app.login('town');
  const { rows: [user] } = await app.db.pool.query(`select display_name from users where username = 'town'`);
  townName = user.display_name;
});
afterAll(() => app.close());

/** Runs an operation that must succeed and returns its single field. */
async function ok(query: string, variables: Record<string, unknown>, as = token): Promise<any> {
  const result = await app.gql(query, variables, as);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0];
}

let serial = 0;
/** A valid credit code no other test uses. */
function creditCode(): string {
  serial += 1;
  const body = `91430900MA${String((Date.now() + serial) % 10_000_000).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

async function newEnterprise(): Promise<{ id: string; version: number }> {
  return ok(CREATE_ENTERPRISE, { input: {
    name: '资江烟花爆竹有限公司', creditCode: creditCode(), sector: 'FIREWORKS', riskLevel: 'YELLOW',
    location: { lng: town.lng, lat: town.lat },
  } });
}

async function newAccident(occurredHoursAgo: number, reportedHoursAgo: number | null) {
  return ok(CREATE_ACCIDENT, { input: {
    occurredAt: hoursAgo(occurredHoursAgo), location: { lng: town.lng, lat: town.lat }, sector: 'CONSTRUCTION',
    description: '塔吊倾覆', deaths: 1, seriousInjuries: 2,
    ...(reportedHoursAgo === null ? {} : { reportedAt: hoursAgo(reportedHoursAgo) }),
  } });
}

describe('the history of an enterprise', () => {
  it('shows a change by a signed-in user with their name, the note and old → new', async () => {
    const created = await newEnterprise();
    const updated = await ok(UPDATE_ENTERPRISE, { input: {
      id: created.id, version: created.version, riskLevel: 'RED', status: 'SUSPENDED', standardizationGrade: 'LEVEL_2',
      note: '执法检查发现重大隐患，责令停产整顿',
    } });
    const actor = { id: String(town.viewer.userId), displayName: townName };
    expect(updated.history).toHaveLength(2);
    expect(updated.history[0]).toMatchObject({ event: 'CREATED', actor, note: null });
    expect(updated.history[1]).toEqual({
      event: 'UPDATED', at: expect.any(String), actor, note: '执法检查发现重大隐患，责令停产整顿',
      changes: [
        { field: 'riskLevel', oldValue: 'YELLOW', newValue: 'RED' },
        { field: 'standardizationGrade', oldValue: 'NONE', newValue: 'LEVEL_2' },
        { field: 'status', oldValue: 'OPERATING', newValue: 'SUSPENDED' },
      ],
    });
  });

  it('is hidden from a user outside its scope, with the enterprise itself', async () => {
    const created = await newEnterprise();
    // The county's inspector supervises hazardous chemicals and fireworks: in scope.
    expect((await ok(ENTERPRISE, { id: created.id }, await app.login('inspector'))).history).toHaveLength(1);
    // Another enterprise's user sees neither the enterprise nor its history.
    expect(await ok(ENTERPRISE, { id: created.id }, await app.login('enterprise'))).toBeNull();
    expect(await ok(ENTERPRISE, { id: created.id }, await app.login('leader'))).not.toBeNull();
  });

  it('answers the histories of a page of enterprises in one statement', async () => {
    const result = await app.gql(
      `{ enterprises(first: 20) { edges { node { id history { event actor { displayName } } } } } }`, {}, await app.login('leader'));
    expect(result.errors).toBeUndefined();
    const bare = await app.gql(`{ enterprises(first: 20) { edges { node { id } } } }`, {}, await app.login('leader'));
    expect(result.extensions!.sqlStatements).toBe(bare.extensions!.sqlStatements! + 1);
  });
});

describe('the history of an accident', () => {
  it('keeps the report and every supplementary report (补报) with actor, time and old → new', async () => {
    const created = await newAccident(3, null);
    expect(created).toMatchObject({ reportedAt: null, reportedLate: true });
    const reported = await ok(UPDATE_ACCIDENT, { input: {
      id: created.id, version: created.version, reportedAt: hoursAgo(2.5), note: '事故单位电话报告县应急管理局' } });
    const supplemented = await ok(UPDATE_ACCIDENT, { input: {
      id: reported.id, version: reported.version, deaths: 2, seriousInjuries: 1, note: '一名重伤者经抢救无效死亡' } });
    expect(supplemented.history.map((h: any) => h.event)).toEqual(['CREATED', 'REPORTED', 'SUPPLEMENTED']);
    expect(supplemented.history[2]).toMatchObject({
      actor: { id: String(town.viewer.userId), displayName: townName }, note: '一名重伤者经抢救无效死亡',
      changes: [{ field: 'deaths', oldValue: 1, newValue: 2 }, { field: 'seriousInjuries', oldValue: 2, newValue: 1 }],
    });
    expect(supplemented.history[1].changes).toEqual([{ field: 'reportedAt', oldValue: null, newValue: expect.any(String) }]);
    expect(await ok(ACCIDENT, { id: created.id }, await app.login('enterprise'))).toBeNull();
  });

  it('flags a report 2 hours after the accident as late, 30 minutes after as in time, and none after an hour as late', async () => {
    expect(await newAccident(3, 1)).toMatchObject({ reportedLate: true });
    expect(await newAccident(3, 2.5)).toMatchObject({ reportedLate: false });
    expect(await newAccident(1.5, null)).toMatchObject({ reportedAt: null, reportedLate: true });
    expect(await newAccident(0.25, null)).toMatchObject({ reportedAt: null, reportedLate: false });
    const late = await newAccident(5, 2);
    const result = await app.gql(
      `query ($from: DateTimeISO!) { accidents(first: 100, filter: { reportedLate: true, from: $from }) { edges { node { id reportedLate } } } }`,
      { from: hoursAgo(5.01) }, token);
    expect(result.data.accidents.edges.map((e: any) => e.node)).toContainEqual({ id: late.id, reportedLate: true });
    expect(result.data.accidents.edges.every((e: any) => e.node.reportedLate)).toBe(true);
  });

  it('refuses a report time in the future or before the accident, changing nothing', async () => {
    const created = await newAccident(2, null);
    const future = await app.gql(UPDATE_ACCIDENT, { input: { id: created.id, version: created.version, reportedAt: hoursAgo(-1) } }, token);
    expect(errorCode(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0]!.extensions!.field).toBe('reportedAt');
    const early = await app.gql(UPDATE_ACCIDENT, { input: { id: created.id, version: created.version, reportedAt: hoursAgo(3) } }, token);
    expect(errorCode(early)).toBe('BAD_USER_INPUT');
    expect(await ok(ACCIDENT, { id: created.id })).toMatchObject({ version: created.version, reportedAt: null, history: [expect.anything()] });
  });
});

describe('publication (公示)', () => {
  it('is set and withdrawn with a note by staff, filtered, and each change is a hazard event with its actor', async () => {
    const hazard = await freshHazard(app.db.pool, town);
    const published = await ok(PUBLISH, { id: hazard.id, v: hazard.version, p: true, note: '重大隐患向社会公示' });
    expect(published.published).toBe(true);
    const inFilter = async (value: boolean) => {
      const result = await ok(`query ($f: HazardFilter) { hazards(first: 500, filter: $f) { edges { node { id published } } } }`,
        { f: { published: value, jurisdictionCode: town.townCode, foundFrom: hoursAgo(0.5) } });
      return result.edges.map((e: any) => e.node);
    };
    expect(await inFilter(true)).toContainEqual({ id: hazard.id, published: true });
    expect(await inFilter(false)).not.toContainEqual(expect.objectContaining({ id: hazard.id }));

    const again = await app.gql(PUBLISH, { id: hazard.id, v: published.version, p: true, note: '再次公示' }, token);
    expect(errorCode(again)).toBe('INVALID_TRANSITION');
    const byLeader = await app.gql(PUBLISH, { id: hazard.id, v: published.version, p: false, note: '撤销' }, await app.login('leader'));
    expect(errorCode(byLeader)).toBe('FORBIDDEN');
    const withdrawn = await ok(PUBLISH, { id: hazard.id, v: published.version, p: false, note: '整改完成，撤销公示' });
    expect(withdrawn.published).toBe(false);
    expect(await inFilter(false)).toContainEqual({ id: hazard.id, published: false });

    const { history } = await ok(HAZARD_HISTORY, { id: hazard.id });
    const actor = { id: String(town.viewer.userId), displayName: townName };
    expect(history.slice(-2)).toEqual([
      { event: 'PUBLISHED', note: '重大隐患向社会公示', actor, listing: null },
      { event: 'UNPUBLISHED', note: '整改完成，撤销公示', actor, listing: null },
    ]);
  });

  it('is filtered in the vector tiles as in the list', async () => {
    const bad = await fetch(`${app.baseUrl}/tiles/hazards/10/831/426.mvt?published=maybe`, { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    const good = await fetch(`${app.baseUrl}/tiles/hazards/10/831/426.mvt?published=true`, { headers: { authorization: `Bearer ${token}` } });
    expect(good.status).toBeLessThan(300);
  });
});

describe('a listing (挂牌督办) in the hazard history', () => {
  it('reads as its level, listing body and deadline, with the listing itself', async () => {
    const inspector = await scopeOf(app.db.pool, 'inspector');
    const hazard = await freshHazard(app.db.pool, inspector);
    // Listing applies to major hazards only.
    await app.db.pool.query(`update hazards set level = 'MAJOR' where id = $1`, [hazard.id]);
    const inspectorToken = await app.login('inspector');
    // Within the deadlines the api accepts (today to five years ahead).
    const { rows: [{ deadline }] } = await app.db.pool.query(`select (app.today() + 180)::text as deadline`);
    await ok(`mutation ($id: ID!, $input: ListForSupervisionInput!) { listForSupervision(hazardId: $id, input: $input) { id listedLevel } }`, {
      id: hazard.id, input: {
        level: 'COUNTY', listingBody: '资阳区安全生产委员会', rectifyingUnit: '某化工厂', rectifyingHead: '王五',
        regulatingUnit: '资阳区应急管理局', regulatingHead: '赵六', supervisingOfficial: '钱七', deadline, yearListed: 2026,
      } }, inspectorToken);
    const { history } = await ok(HAZARD_HISTORY, { id: hazard.id }, inspectorToken);
    expect(history[history.length - 1]).toMatchObject({
      event: 'LISTED', note: `县级挂牌督办：资阳区安全生产委员会，督办期限 ${deadline}`,
      listing: { level: 'COUNTY', listingBody: '资阳区安全生产委员会', deadline },
    });
  });

  it('finds the listing of an entry written before listings were linked, by hazard and time', async () => {
    const hazard = await freshHazard(app.db.pool, town);
    await app.db.pool.query(`update hazards set level = 'MAJOR' where id = $1`, [hazard.id]);
    const { rows: [listing] } = await app.db.pool.query(
      `insert into listed_supervisions (hazard_id, level, listing_body, rectifying_unit, rectifying_head, regulating_unit,
         regulating_head, supervising_official, deadline, year_listed, created_at)
       values ($1, 'CITY', '益阳市安全生产委员会', '某单位', '王五', '应急管理局', '赵六', '钱七', date '2099-03-31', 2025,
               timestamptz '2025-03-01 09:00+08') returning id, created_at`, [hazard.id]);
    // The entry as 0003 wrote it: no listing_id, the note "CITY: …", at the listing's moment.
    await app.db.pool.query(
      `insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, note)
       select id, town_code, sector, 'LISTED', status, status, $2, 'CITY: 益阳市安全生产委员会' from hazards where id = $1`,
      [hazard.id, listing.created_at]);
    const { history } = await ok(HAZARD_HISTORY, { id: hazard.id });
    const listed = history.filter((h: any) => h.event === 'LISTED');
    expect(listed).toHaveLength(2);
    for (const entry of listed) expect(entry.listing).toMatchObject({ level: 'CITY', deadline: '2099-03-31' });
  });
});

describe('a user\'s own history', () => {
  it('shows changes of their account to themself, and to nobody else but the admin', async () => {
    const { rows: [analyst] } = await app.db.pool.query(`select id from users where username = 'analyst'`);
    const mine = await ok(`{ me { id history { event changes { field newValue } } } }`, {}, await app.login('analyst'));
    expect(mine.id).toBe(String(analyst.id));
    expect(mine.history[0]).toMatchObject({ event: 'CREATED', changes: expect.arrayContaining([{ field: 'role', newValue: 'analyst' }]) });
    const publicMe = await app.gql(`{ me { history { event } } }`);
    expect(publicMe.data).toEqual({ me: { history: [] } });
  });
});
