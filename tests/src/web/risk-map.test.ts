import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium, showHeatmap } from '../support/browser';
import { TEST_PASSWORD } from '../support/constants';
import { scopeOf } from '../support/hazard-fixtures';
import { mapIdle, renderedLabels } from '../support/map-labels';

// The api in-process over the test database (its own pool is the only connection), serving
// the built web app (web/dist) to a headless Chromium.
let app: TestApp;
let browser: Browser;

const SCREENSHOTS = join(__dirname, '..', '..', 'screenshots');
const LAPTOP = { width: 1366, height: 768 };
const DESKTOP = { width: 1920, height: 1080 };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Signs in through the form and waits until the map has its choropleth and the list its rows. */
async function signIn(username: string, viewport = LAPTOP): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  await page.goto(app.baseUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=risk-map][data-ready=true]');
  await page.waitForSelector('[data-testid=risk-map]:not([data-choropleth-units="0"])');
  await page.waitForSelector('[data-testid=hazard-row]');
  return page;
}

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));
/** The list's total once it has loaded (the element is empty while a new filter loads). */
async function total(page: Page): Promise<number> {
  return digits(await (await page.waitForSelector('[data-testid=hazard-total]:not(:empty)')).textContent());
}
const mapNumber = async (page: Page, attribute: string) => Number(await page.getAttribute('[data-testid=risk-map]', attribute));
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/** Rows of a CSV file as cells, quoted cells unquoted (RFC 4180, as the export writes them). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').trim().split('\r\n')) {
    const cells = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replaceAll('""', '"'));
    rows.push(cells.slice(0, -1));
  }
  return rows;
}

/** Waits until the list's total differs from `before` (a new filter or a status change landed). */
async function totalChangedFrom(page: Page, before: number): Promise<number> {
  await page.waitForFunction(
    (previous) => Number(document.querySelector('[data-testid=hazard-total]')?.textContent?.replace(/\D/g, '') || previous) !== previous,
    before);
  return total(page);
}

test('a leader sees every county with choropleth colours and, switched on, the hazard heatmap', async () => {
  const page = await signIn('leader', DESKTOP);
  await mapIdle(page);
  expect((await renderedLabels(page)).labels.filter((l) => l.level === 'county')).toHaveLength(6);
  // The choropleth colours every county (or every town, zoomed in); the heatmap has cells.
  expect(await mapNumber(page, 'data-choropleth-units')).toBeGreaterThanOrEqual(6);
  expect(await mapNumber(page, 'data-heat-cells')).toBe(0);
  await showHeatmap(page);
  await page.waitForSelector('[data-testid=trend-chart]');
  await page.waitForLoadState('networkidle');
  await shot(page, 'leader-1920');
  await page.close();
});

test('changing the sector filter changes the heatmap and the counts', async () => {
  const page = await signIn('leader');
  await showHeatmap(page);
  const allRows = await total(page);
  const allHeat = await mapNumber(page, 'data-heat-weight');

  await page.click('[data-testid=filter-sectors] summary');
  await page.check('input[name=sector][value=HAZARDOUS_CHEMICALS]');
  await page.waitForURL(/sector=HAZARDOUS_CHEMICALS/);
  const chemicals = await totalChangedFrom(page, allRows);
  await page.waitForFunction((before) => Number(document.querySelector('[data-testid=risk-map]')?.getAttribute('data-heat-weight')) < before, allHeat);

  const token = await app.login('leader');
  const api = await app.gql('query { hazards(filter: { sectors: [HAZARDOUS_CHEMICALS] }) { totalCount } }', {}, token);
  expect(chemicals).toBe(api.data.hazards.totalCount);
  expect(chemicals).toBeLessThan(allRows);
  // The sector breakdown follows the filter too: one sector left.
  expect(await page.locator('[data-testid=sector-breakdown] li').count()).toBe(1);
  await page.click('[data-testid=filter-sectors] summary');
  await page.waitForLoadState('networkidle');
  await shot(page, 'sector-filter');
  await page.close();
});

test('a town official sees only their town, with the numbers the API gives for it', async () => {
  const page = await signIn('town');
  await mapIdle(page);
  expect((await renderedLabels(page)).labels.map((l) => l.level)).toEqual(['town']);
  expect(await mapNumber(page, 'data-choropleth-units')).toBe(1);

  const token = await app.login('town');
  const me = await app.gql('query { me { jurisdictionCode } }', {}, token);
  const town = me.data.me.jurisdictionCode as string;
  const stats = await app.gql(
    'query ($parent: String!) { jurisdictionStats(parentCode: $parent, level: town) { code overdue everOverdue rectifiedLate openMajor openByLevel { general major } } }',
    { parent: town.slice(0, 6) }, token);
  const [figures] = stats.data.jurisdictionStats;
  expect(figures.code).toBe(town);
  await page.waitForSelector('[data-testid=figure-overdue]');
  expect(digits(await page.textContent('[data-testid=figure-overdue] .value'))).toBe(figures.overdue);
  expect(digits(await page.textContent('[data-testid=figure-open] .value'))).toBe(figures.openByLevel.general + figures.openByLevel.major);
  expect(digits(await page.textContent('[data-testid=figure-ever-overdue] .value'))).toBe(figures.everOverdue);
  expect(digits(await page.textContent('[data-testid=figure-rectified-late] .value'))).toBe(figures.rectifiedLate);
  const list = await app.gql('query { hazards { totalCount } }', {}, token);
  expect(await total(page)).toBe(list.data.hazards.totalCount);
  await page.waitForLoadState('networkidle');
  await shot(page, 'town');
  await page.close();
});

test('a town official starts and submits an overdue hazard, and a verifier rejects it back to rectifying', async () => {
  // A typical town has few overdue hazards, and other tests may have started them: this
  // test registers its own, overdue by five days, before the official opens the list.
  const place = await scopeOf(app.db.pool, 'town');
  await app.db.pool.query(
    `insert into hazards (code, description, level, sector, source, place_name, location, town_code, found_at, deadline)
     values ('T-' || md5(random()::text), '农贸市场消防通道被占用', 'GENERAL', 'FIRE_SAFETY', 'DEPARTMENT_INSPECTION', '农贸市场',
             st_setsrid(st_makepoint($1, $2), 4326), $3, now() - interval '30 days', app.today() - 5)`,
    [place.lng, place.lat, place.townCode]);
  const town = await signIn('town');
  await town.check('input[name=overdue]');
  await town.selectOption('[data-testid=filter-statuses]', 'REPORTED');
  await town.waitForURL(/status=REPORTED/);
  await town.waitForLoadState('networkidle');
  const before = await total(town);
  expect(before).toBeGreaterThan(0);
  // Under this filter the panel's overdue figure counts the same hazards as the list.
  const overdueFigure = (expected: number) => town.waitForFunction(
    (count) => Number(document.querySelector('[data-testid=figure-overdue] .value')?.textContent?.replace(/\D/g, '')) === count, expected);
  await overdueFigure(before);

  await town.locator('[data-testid=hazard-row]').first().click();
  const code = (await town.textContent('[data-testid=hazard-detail] h2'))!.split(' · ')[0]!.trim();
  await town.click('[data-testid=action-start]');
  await town.fill('input[name=responsiblePerson]', '张三');
  await town.fill('input[name=measures]', '更换防护栏');
  await town.fill('input[name=fundsYuan]', '5000');
  // The deadline registered stands: a new one would be an extension the town may not grant
  // itself on an overdue hazard it must fix (docs/closed-loop.md).
  expect(await town.inputValue('input[name=deadline]')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await town.fill('input[name=contingencyPlan]', '现场警戒');
  await town.click('[data-testid=form-start] button[type=submit]');
  await town.waitForSelector('[data-testid=detail-status]:text-is("整改中")');
  await town.click('[data-testid=action-submit]');
  await town.fill('input[name=note]', '整改完成');
  await town.click('[data-testid=form-submit] button[type=submit]');
  await town.waitForSelector('[data-testid=detail-status]:text-is("待验收")');
  await shot(town, 'town-submitted');

  // Back on the list: the hazard left "reported and overdue", in the list and in the counts.
  await town.click('text=返回列表');
  expect(await totalChangedFrom(town, before)).toBe(before - 1);
  await overdueFigure(before - 1);
  await town.close();

  const verifier = await signIn('admin');
  // The town's hazards awaiting verification, as a verifier narrows the city-wide list.
  // The town official's own town (a code need not name it: other tests add hazards of their own).
  const { rows: [official] } = await app.db.pool.query<{ town: string }>(`select jurisdiction_code as town from users where username = 'town'`);
  const townCode = official!.town;
  await verifier.selectOption('select[name=jurisdiction]', townCode);
  await verifier.selectOption('[data-testid=filter-statuses]', 'AWAITING_VERIFICATION');
  await verifier.waitForURL(new RegExp(`j=${townCode}.*status=AWAITING_VERIFICATION`));
  await verifier.waitForLoadState('networkidle');
  await verifier.locator('[data-testid=hazard-row]', { hasText: code }).click();
  await verifier.click('[data-testid=action-reject]');
  await verifier.fill('input[name=note]', '防护栏未固定');
  await verifier.click('[data-testid=form-reject] button[type=submit]');
  await verifier.waitForSelector('[data-testid=detail-status]:text-is("整改中")');
  await shot(verifier, 'rejected');
  await verifier.close();

  const token = await app.login('admin');
  const api = await app.gql('query ($search: String!) { hazards(filter: { search: $search }) { edges { node { code status history { toStatus } } } } }', { search: code }, token);
  const hazard = api.data.hazards.edges.map((e: { node: { code: string } }) => e.node).find((h: { code: string }) => h.code === code);
  expect(hazard.status).toBe('RECTIFYING');
  expect(hazard.history.map((h: { toStatus: string }) => h.toStatus).slice(-3)).toEqual(['RECTIFYING', 'AWAITING_VERIFICATION', 'RECTIFYING']);
});

test('the language switch changes the labels', async () => {
  const page = await signIn('leader');
  expect(await page.textContent('.filter-panel legend')).toBe('筛选');
  await page.selectOption('select.language', 'en');
  await page.waitForSelector('text=Hazard ledger');
  expect(await page.textContent('.filter-panel legend')).toBe('Filters');
  expect(await page.textContent('.top-bar h1')).toBe('Work-safety risk map');
  await page.waitForSelector('text=Monthly trend');
  await shot(page, 'english');
  await page.selectOption('select.language', 'zh-CN');
  await page.waitForSelector('text=隐患台账');
  await page.close();
});

test('export downloads a CSV of the ledger with the filtered rows and Chinese headers, 序号 first', async () => {
  const page = await signIn('leader');
  const all = await total(page);
  // Overdue only: the demo ledger always has some, whatever the day (not always a major one).
  await page.check('input[name=overdue]');
  await page.waitForURL(/overdue=1/);
  const expected = await totalChangedFrom(page, all);
  expect(expected).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=hazard-list] >> text=导出 CSV')]);
  const [columns, ...rows] = parseCsv(readFileSync((await download.path())!, 'utf8'));
  expect(columns.slice(0, 2)).toEqual(['序号', '隐患编号']);
  expect(rows).toHaveLength(expected);
  const overdueDays = columns.indexOf('超期天数');
  // Every row is overdue: the file holds the filtered rows only.
  for (const cells of rows) expect(Number(cells[overdueDays])).toBeGreaterThan(0);
  // The api recorded the export in the audit log (等保 2.0).
  await app.auditSettled();
  const { rows: [audit] } = await app.db.pool.query<{ code: string; detail: { rowCount: number; filter: { overdue: boolean } } }>(
    `select l.code, l.detail from audit_log l join users u on u.id = l.actor_id
      where l.event = 'EXPORT' and u.username = 'leader' order by l.id desc limit 1`);
  expect(audit).toMatchObject({ code: 'CSV', detail: { kind: 'hazards', rowCount: expected, complete: true, filter: { overdue: true } } });
  await shot(page, 'export');
  await page.close();
});
