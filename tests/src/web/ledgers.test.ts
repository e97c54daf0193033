import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';
import { TEST_PASSWORD } from '../support/constants';
import { mapIdle, renderedLabels } from '../support/map-labels';
import { createUser } from '../support/users';

/** The county names the map placed (one symbol layer of unit labels, support/map-labels.ts). */
async function countyLabels(page: Page): Promise<number> {
  await mapIdle(page);
  return (await renderedLabels(page)).labels.filter((label) => label.level === 'county').length;
}

// The ledgers people work through (issue 10, part 4) and each role's home (part 5), in a
// headless Chromium over the api in-process.
let app: TestApp;
let browser: Browser;

const VIEWPORT = { width: 1366, height: 768 };
const [GENERAL, , LISTED_BY_COUNTY] = KINDS as [typeof KINDS[number], typeof KINDS[number], typeof KINDS[number]];

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Signs in through the form; `path` is opened first (a shared link), `ready` is what the home shows when loaded. */
async function signIn(username: string, ready: string, path = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(`${app.baseUrl}${path}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector(ready);
  return page;
}

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

/** The hazard codes the list shows once its total reads `count`. */
async function listed(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=hazard-total]')?.textContent === String(n)
      && document.querySelectorAll('[data-testid=hazard-row]').length === Math.min(n, 15),
    count);
  return page.locator('[data-testid=hazard-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code') ?? ''));
}

/** Waits until the list shows exactly these hazards, in this order (a new view may still be loading). */
async function showsExactly(page: Page, codes: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid=hazard-total]')?.textContent === String(expected.length)
      && JSON.stringify([...document.querySelectorAll('[data-testid=hazard-row]')].map((row) => row.getAttribute('data-code'))) === JSON.stringify(expected),
    codes);
}

const codeOf = async (id: string) => (await app.db.pool.query<{ code: string }>('select code from hazards where id = $1', [id])).rows[0]!.code;

describe('the hazard ledger', () => {
  let place: Place;
  let official: string;
  const tag = `台账测试${randomBytes(3).toString('hex')}`;
  const ids = {} as Record<'overdue' | 'dueSoon' | 'dueLater' | 'listed' | 'awaiting' | 'ownSubmitted', string>;

  beforeAll(async () => {
    place = await testPlace(app.db.pool);
    official = (await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode })).username;
    const make = (kind: typeof GENERAL, status: Parameters<typeof kindHazard>[3], deadlineDays: number, what: string) =>
      kindHazard(app.db.pool, place, kind, status, { deadlineDays, description: `${tag} ${what}` });
    ids.overdue = await make(GENERAL, 'REPORTED', -5, '消防通道堵塞');
    ids.dueSoon = await make(GENERAL, 'RECTIFYING', 3, '配电箱无防护');
    ids.dueLater = await make(GENERAL, 'RECTIFYING', 20, '安全出口指示灯损坏');
    ids.listed = await make(LISTED_BY_COUNTY, 'RECTIFYING', 40, '储罐区防火堤破损');
    ids.awaiting = await make(GENERAL, 'AWAITING_VERIFICATION', 30, '灭火器过期');
    // Rectified and submitted by the official: awaiting verification, but not theirs to verify.
    ids.ownSubmitted = await make(GENERAL, 'REPORTED', 30, '疏散通道堆放杂物');
    const token = await app.login(official);
    const { data: { hazard } } = await app.gql('query ($id: ID!) { hazard(id: $id) { version deadline } }', { id: ids.ownSubmitted }, token);
    const started = await app.gql(
      `mutation ($id: ID!, $version: Int!, $deadline: LocalDate!) { startRectification(id: $id, version: $version, fiveInPlace: {
         responsiblePerson: "李四", measures: "清理杂物", fundsYuan: 100, deadline: $deadline, contingencyPlan: "专人值守" }) { version } }`,
      { id: ids.ownSubmitted, version: hazard.version, deadline: hazard.deadline }, token);
    const submitted = await app.gql('mutation ($id: ID!, $version: Int!) { submitRectification(id: $id, version: $version, note: "已清理") { status } }',
      { id: ids.ownSubmitted, version: started.data.startRectification.version }, token);
    expect(submitted.data.submitRectification.status).toBe('AWAITING_VERIFICATION');
  });

  test('the search and each quick view show the right hazards, with subject, deadline and days over', async () => {
    const page = await signIn(official, '[data-testid=hazard-row]');
    await page.fill('[data-testid=hazard-search]', tag);
    await page.press('[data-testid=hazard-search]', 'Enter');
    await page.waitForURL(/q=/);
    const all = await listed(page, 6);
    expect(new Set(all)).toEqual(new Set(await Promise.all(Object.values(ids).map(codeOf))));
    // The subject is the enterprise's name; days over come from the API's overdue rule.
    const { rows: [enterprise] } = await app.db.pool.query<{ name: string }>('select name from enterprises where id = $1', [place.enterpriseId]);
    const overdueRow = page.locator('[data-testid=hazard-row]', { hasText: '消防通道堵塞' });
    expect(await overdueRow.textContent()).toContain(enterprise!.name);
    expect(await overdueRow.locator('[data-testid=hazard-overdue-days]').textContent()).toBe('5');

    const view = async (name: string, expected: string[]) => {
      await page.click(`[data-testid=quick-${name}]`);
      await page.waitForURL(new RegExp(`view=${name}`));
      await showsExactly(page, await Promise.all(expected.map(codeOf)));
    };
    await view('overdue', [ids.overdue]);
    await view('dueSoon', [ids.dueSoon]);
    expect(await page.locator('[data-testid=hazard-row]').textContent()).toContain('剩 3 天');
    // 待我验收: awaiting verification and the database lets this official verify it; the
    // one they submitted themselves is someone else's to verify.
    await view('toVerify', [ids.awaiting]);
    await view('listed', [ids.listed]);
    // The same quick view again turns it off.
    await page.click('[data-testid=quick-listed]');
    await listed(page, 6);

    // By ledger code, and by the enterprise's name (a subquery, not the hazard's own text).
    const code = await codeOf(ids.dueLater);
    await page.fill('[data-testid=hazard-search]', code);
    await page.press('[data-testid=hazard-search]', 'Enter');
    await showsExactly(page, [code]);
    await page.fill('[data-testid=hazard-search]', enterprise!.name);
    await page.press('[data-testid=hazard-search]', 'Enter');
    const token = await app.login(official);
    const api = await app.gql('query ($s: String!, $e: ID!) { byName: hazards(filter: { search: $s }) { totalCount } own: hazards(filter: { enterpriseId: $e }) { totalCount } }',
      { s: enterprise!.name, e: String(place.enterpriseId) }, token);
    expect(api.data.byName.totalCount).toBeGreaterThanOrEqual(api.data.own.totalCount);
    await listed(page, api.data.byName.totalCount);
    await page.close();
  });

  test('an opened hazard is kept in the URL, marked on the map, and restored by a reload', async () => {
    const page = await signIn(official, '[data-testid=hazard-row]', `/?q=${encodeURIComponent(tag)}&view=toVerify`);
    const [code] = await listed(page, 1);
    await page.locator('[data-testid=hazard-row]').click();
    await page.waitForURL(new RegExp(`open=hazard%3A${ids.awaiting}`));
    await page.waitForSelector(`[data-testid=risk-map][data-opened="${ids.awaiting}"]`);
    expect(await page.textContent('[data-testid=hazard-detail] h2')).toContain(code);

    await page.reload();
    await page.waitForSelector(`[data-testid=hazard-detail] h2:has-text("${code}")`);
    await page.waitForSelector(`[data-testid=risk-map][data-opened="${ids.awaiting}"]`);
    // Back to the list: the search and the quick view are still there.
    await page.click('text=返回列表');
    expect(await listed(page, 1)).toEqual([code]);
    expect(page.url()).not.toContain('open=');
    await page.close();
  });
});

describe('the enterprise, inspection and accident ledgers', () => {
  test('each tab lists its rows under the page filters and opens their details', async () => {
    const token = await app.login('leader');
    const page = await signIn('leader', '[data-testid=hazard-row]', '/?sector=HAZARDOUS_CHEMICALS');
    const total = async (kind: string) => digits(await (await page.waitForSelector(`[data-testid=ledger-${kind}] [data-testid=ledger-total]:not(:empty)`)).textContent());

    await page.click('[data-testid=ledger-tab-enterprises]');
    await page.waitForURL(/ledger=enterprises/);
    const enterprises = await app.gql('query { enterprises(filter: { sectors: [HAZARDOUS_CHEMICALS] }) { totalCount } }', {}, token);
    expect(await total('enterprises')).toBe(enterprises.data.enterprises.totalCount);
    expect(enterprises.data.enterprises.totalCount).toBeGreaterThan(0);
    await page.locator('[data-testid=enterprise-row]').first().click();
    await page.waitForSelector('[data-testid=enterprise-detail]');
    expect(await page.textContent('[data-testid=enterprise-detail]')).toContain('危险化学品');
    await page.click('text=返回列表');

    await page.click('[data-testid=ledger-tab-inspections]');
    const inspections = await app.gql('query { inspections(filter: { sectors: [HAZARDOUS_CHEMICALS] }) { totalCount } }', {}, token);
    expect(await total('inspections')).toBe(inspections.data.inspections.totalCount);
    expect(inspections.data.inspections.totalCount).toBeGreaterThan(0);
    await page.locator('[data-testid=inspection-row]').first().click();
    await page.waitForSelector('[data-testid=inspection-detail]');
    expect(await page.textContent('[data-testid=inspection-detail]')).toContain('危险化学品');
    await page.close();
  });

  test('an accident shows its Decree 493 grade from the API, and the date filter narrows the ledger', async () => {
    const place = await testPlace(app.db.pool);
    const description = `事故台账测试 ${randomBytes(3).toString('hex')}`;
    // 12 deaths: 重大 by Decree 493 (10–29). A day no demo accident has, in 2019.
    const { rows: [accident] } = await app.db.pool.query<{ id: number; grade: string }>(
      `insert into accidents (occurred_at, location, town_code, sector, enterprise_id, description, deaths, serious_injuries, direct_loss_yuan)
       values ('2019-03-15 10:00+08', st_setsrid(st_makepoint($1, $2), 4326), $3, $4, $5, $6, 12, 4, 2500000)
       returning id, accident_grade(deaths, serious_injuries, direct_loss_yuan) as grade`,
      [place.lng, place.lat, place.townCode, place.sector, place.enterpriseId, description]);
    expect(accident!.grade).toBe('MAJOR');
    const page = await signIn('leader', '[data-testid=ledger-accidents] [data-testid=ledger-total]:not(:empty)', '/?ledger=accidents&from=2019-03-15&to=2019-03-15');
    await page.waitForSelector('[data-testid=ledger-accidents] [data-testid=ledger-total]:text-is("1")');
    expect(await page.textContent('[data-testid=accident-grade]')).toBe('重大事故');
    await page.click('[data-testid=accident-row]');
    await page.waitForURL(new RegExp(`open=accident%3A${accident!.id}`));
    expect(await page.textContent('[data-testid=accident-detail]')).toContain(description);
    expect(await page.textContent('[data-testid=accident-detail-grade]')).toBe('重大事故');
    await page.close();
  });
});

describe('each role opens on a home that fits it', () => {
  test('an enterprise user opens on their company card with what they must do next', async () => {
    const { rows: [user] } = await app.db.pool.query<{ enterprise_id: number; credit_code: string; town_code: string; sector: string; lng: number; lat: number }>(
      `select u.enterprise_id, e.credit_code, e.town_code, e.sector, st_x(e.location) as lng, st_y(e.location) as lat
       from users u join enterprises e on e.id = u.enterprise_id where u.username = 'enterprise'`);
    const own: Place = { townCode: user!.town_code, enterpriseId: user!.enterprise_id, sector: user!.sector, lng: user!.lng, lat: user!.lat };
    const description = `企业首页测试 ${randomBytes(3).toString('hex')}`;
    const id = await kindHazard(app.db.pool, own, GENERAL, 'REPORTED', { deadlineDays: 10, description });

    const page = await signIn('enterprise', '[data-testid=company-card]');
    expect(await page.textContent('[data-testid=company-credit-code]')).toBe(user!.credit_code);
    expect(await page.locator('[data-testid=risk-map]').count()).toBe(0);
    // Its new hazard waits for the enterprise to start rectifying it (viewerActions).
    const todo = page.locator('[data-testid=todo-item]', { hasText: description });
    await todo.locator('[data-testid=todo-start]').click();
    await page.waitForURL(new RegExp(`open=hazard%3A${id}`));
    await page.waitForSelector('[data-testid=hazard-detail] [data-testid=action-start]');
    await page.close();
  });

  test('a county inspector opens on their county with its towns coloured, and picks only their sectors', async () => {
    const { rows: [inspector] } = await app.db.pool.query<{ county: string; sectors: string[]; towns: number }>(
      `select u.jurisdiction_code as county, u.sectors::text[] as sectors,
              (select count(*)::int from jurisdictions j where j.level = 'town' and j.parent_code = u.jurisdiction_code) as towns
       from users u where u.username = 'inspector'`);
    const page = await signIn('inspector', '[data-testid=risk-map][data-ready=true]');
    // The opening view, before any zoom: every town of the county has its colour.
    await page.waitForSelector('[data-testid=risk-map]:not([data-choropleth-units="0"])');
    expect(Number(await page.getAttribute('[data-testid=risk-map]', 'data-choropleth-units'))).toBe(inspector!.towns);
    expect(await countyLabels(page)).toBe(1);
    await page.click('[data-testid=filter-sectors] summary');
    const offered = await page.locator('input[name=sector]').evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value));
    expect(new Set(offered)).toEqual(new Set(inspector!.sectors));
    await page.close();
  });

  test('a county leader opens on the county too, with a non-empty choropleth', async () => {
    const { rows: [county] } = await app.db.pool.query<{ code: string }>(`select code from jurisdictions where level = 'county' order by code desc limit 1`);
    const leader = await createUser(app.db.pool, { role: 'leader', jurisdictionCode: county!.code });
    const page = await signIn(leader.username, '[data-testid=risk-map][data-ready=true]');
    await page.waitForSelector('[data-testid=risk-map]:not([data-choropleth-units="0"])');
    expect(await countyLabels(page)).toBe(1);
    await page.close();
  });
});
