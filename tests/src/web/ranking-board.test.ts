/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { TEST_PASSWORD } from '../support/constants';
import { scopeOf } from '../support/hazard-fixtures';
import { mapIdle, overlaps, renderedLabels, type MapElement } from '../support/map-labels';

// The ranking board, the map's labels and the big screen (大屏), in Debian's Chromium against
// the api in-process over the test database.
let app: TestApp;
let browser: Browser;

const SCREENSHOTS = join(__dirname, '..', '..', 'screenshots');
const LAPTOP = { width: 1366, height: 768 };
const DESKTOP = { width: 1920, height: 1080 };

const FIGURES = `code name overdue everOverdue openMajor listed rectificationRate riskScore rank zone
  openByLevel { general major } accidents { current } deaths { current }
  escalations { writtenExplanations supervisionLetters publicCriticisms }`;

interface Stats {
  code: string;
  escalations: { writtenExplanations: number; supervisionLetters: number; publicCriticisms: number };
  name: string;
  overdue: number;
  everOverdue: number;
  openMajor: number;
  listed: number;
  rectificationRate: number | null;
  riskScore: number;
  rank: number;
  zone: 'RED' | 'BLUE' | null;
  openByLevel: { general: number; major: number };
  accidents: { current: number };
  deaths: { current: number };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Signs in through the form at `path` (the form shows wherever a visitor without a token lands). */
async function signIn(username: string, viewport: { width: number; height: number }, path = '/'): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  // A map in software WebGL on a shared 2-core machine can take long to draw: the tests wait
  // for what the page shows, not for a time, so a slow machine only makes them slower.
  page.setDefaultTimeout(120_000);
  await page.goto(`${app.baseUrl}${path}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  return page;
}

async function openMap(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await signIn(username, viewport);
  await page.waitForSelector('[data-testid=risk-map][data-ready=true]');
  await page.waitForSelector('[data-testid=risk-map]:not([data-choropleth-units="0"])');
  await page.waitForSelector('[data-testid=board-row]');
  return page;
}

/** The API's figures of the units of `level` under the viewer's jurisdiction, as the board asks (this year to today). */
async function apiStats(username: string, level: 'county' | 'town'): Promise<Stats[]> {
  const token = await app.login(username);
  const me = await app.gql('query { me { jurisdictionCode } }', {}, token);
  const result = await app.gql<{ jurisdictionStats: Stats[] }>(
    `query ($parent: String!, $level: JurisdictionLevel!) { jurisdictionStats(parentCode: $parent, level: $level) { ${FIGURES} } }`,
    { parent: me.data.me.jurisdictionCode, level }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.jurisdictionStats;
}

/** The board's rows as the page shows them: code, then each cell's text by column. */
function boardRows(page: Page): Promise<{ code: string; zone: string; cells: Record<string, string> }[]> {
  return page.$$eval('[data-testid=board-row]', (rows) => rows.map((row) => ({
    code: (row as HTMLElement).dataset.code!,
    zone: (row as HTMLElement).dataset.zone!,
    cells: Object.fromEntries([...row.querySelectorAll('td')].map((td) => [(td as HTMLElement).dataset.column!, td.textContent ?? ''])),
  })));
}

/** The first number in a cell ("1,234", "3（同比 +50%）", "87.5%"), as written. */
const firstNumber = (text: string | undefined) => Number((/-?[\d,]+(\.\d+)?/.exec(text ?? '')?.[0] ?? 'NaN').replaceAll(',', ''));

/** Every figure of every row equals the API's, and the rows are the API's units. */
function expectBoardEquals(rows: Awaited<ReturnType<typeof boardRows>>, stats: readonly Stats[]): void {
  expect(rows.map((r) => r.code).sort()).toEqual(stats.map((s) => s.code).sort());
  for (const s of stats) {
    const row = rows.find((r) => r.code === s.code)!;
    expect({
      code: s.code, name: row.cells.name, rank: firstNumber(row.cells.rank), open: firstNumber(row.cells.open),
      overdue: firstNumber(row.cells.overdue), everOverdue: firstNumber(row.cells.everOverdue), openMajor: firstNumber(row.cells.openMajor),
      listed: firstNumber(row.cells.listed), escalations: firstNumber(row.cells.escalations), accidents: firstNumber(row.cells.accidents), deaths: firstNumber(row.cells.deaths),
      riskScore: firstNumber(row.cells.riskScore), rate: row.cells.rectificationRate === '—' ? null : firstNumber(row.cells.rectificationRate),
      zone: row.zone || null,
    }).toEqual({
      code: s.code, name: s.name, rank: s.rank, open: s.openByLevel.general + s.openByLevel.major,
      overdue: s.overdue, everOverdue: s.everOverdue, openMajor: s.openMajor, listed: s.listed,
      escalations: s.escalations.writtenExplanations + s.escalations.supervisionLetters + s.escalations.publicCriticisms,
      accidents: s.accidents.current, deaths: s.deaths.current,
      // The board writes one decimal of the score and of the rate's percentage.
      riskScore: Math.round(s.riskScore * 10) / 10, rate: s.rectificationRate === null ? null : Math.round(s.rectificationRate * 1000) / 10,
      zone: s.zone,
    });
  }
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

test('a leader sees the ranking board with the API\'s figures, sorts it by overdue, and a town clicked is selected on the map', async () => {
  const page = await openMap('leader', DESKTOP);
  // Counties first: the city's six, with the figures jurisdictionStats gives.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=board-row]').length === 6);
  expectBoardEquals(await boardRows(page), await apiStats('leader', 'county'));

  // Towns, by choice: all of them, figures equal again.
  const towns = await apiStats('leader', 'town');
  await page.selectOption('select[name=board-level]', 'town');
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid=board-row]').length === count, towns.length);
  expectBoardEquals(await boardRows(page), towns);
  // The zones follow the documented default: the top quarter red, the bottom quarter blue.
  expect(towns.filter((s) => s.zone === 'RED').length).toBeGreaterThan(0);
  expect(towns.filter((s) => s.zone === 'BLUE').length).toBeGreaterThan(0);

  // Sorted by overdue: most first, a second click reverses.
  await page.click('[data-testid=board-sort-overdue]');
  await page.waitForSelector('th[aria-sort=descending] [data-testid=board-sort-overdue]');
  const sorted = (await boardRows(page)).map((r) => firstNumber(r.cells.overdue));
  expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
  expect(sorted[0]).toBe(Math.max(...towns.map((s) => s.overdue)));
  await page.click('[data-testid=board-sort-overdue]');
  await page.waitForSelector('th[aria-sort=ascending] [data-testid=board-sort-overdue]');
  const reversed = (await boardRows(page)).map((r) => firstNumber(r.cells.overdue));
  expect(reversed).toEqual([...sorted].reverse());
  await page.click('[data-testid=board-sort-overdue]');
  await page.waitForSelector('th[aria-sort=descending] [data-testid=board-sort-overdue]');
  await page.locator('[data-testid=ranking-board]').screenshot({ path: join(SCREENSHOTS, 'board-towns-by-overdue.png') });

  // The CSV has every row with the board's figures.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=ranking-board] [data-testid=export-units] button:nth-of-type(2)')]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','));
  const header = csv[0]!;
  expect(header).toEqual(expect.arrayContaining(['排名', '区划代码', '单位', '超期隐患', '红蓝区']));
  expect(csv.length - 1).toBe(towns.length);
  for (const line of csv.slice(1)) {
    const s = towns.find((town) => town.code === line[header.indexOf('区划代码')])!;
    expect(Number(line[header.indexOf('超期隐患')])).toBe(s.overdue);
    expect(line[header.indexOf('红蓝区')]).toBe(s.zone === 'RED' ? '红区' : s.zone === 'BLUE' ? '蓝区' : '');
  }

  // The worst town by overdue, clicked: the map selects it and zooms to it.
  const worst = (await boardRows(page))[0]!;
  const zoomBefore = await page.evaluate(() => (document.querySelector('[data-testid=risk-map]') as MapElement).maplibre.getZoom());
  await page.click(`[data-testid=board-row][data-code="${worst.code}"]`);
  await page.waitForSelector(`[data-testid=risk-map][data-selected="${worst.code}"]`);
  await page.waitForSelector(`[data-testid=board-row].selected[data-code="${worst.code}"]`);
  expect(new URL(page.url()).searchParams.get('j')).toBe(worst.code);
  await mapIdle(page);
  const map = await page.evaluate((code) => {
    const instance = (document.querySelector('[data-testid=risk-map]') as MapElement).maplibre;
    return { zoom: instance.getZoom(), selected: instance.getFeatureState({ source: 'jurisdictions', id: code }).selected === true };
  }, worst.code);
  expect(map.selected).toBe(true);
  expect(map.zoom).toBeGreaterThan(zoomBefore);

  // The pointer over that town on the map highlights its row.
  const point = await page.evaluate((code) => {
    const element = document.querySelector('[data-testid=risk-map]') as MapElement;
    const instance = element.maplibre;
    const [feature] = instance.querySourceFeatures('unit-labels', { filter: ['==', ['get', 'code'], code] });
    const [lng, lat] = (feature!.geometry as GeoJSON.Point).coordinates as [number, number];
    const p = instance.project([lng, lat]);
    const box = element.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, worst.code);
  await page.mouse.move(point.x, point.y);
  await page.waitForSelector(`[data-testid=board-row].hovered[data-code="${worst.code}"]`);
  await page.close();
}, 900_000);

test.each([['1366×768', LAPTOP], ['1920×1080', DESKTOP]] as const)('no two labels overlap at city and county zoom on %s', async (name, viewport) => {
  const page = await openMap('leader', viewport);
  await mapIdle(page);
  const city = await renderedLabels(page);
  // Every county's name with its figure, and towns where they fit.
  expect(city.labels.filter((l) => l.level === 'county')).toHaveLength(6);
  expect(city.labels.filter((l) => l.level === 'county').every((l) => l.figure !== undefined && /\d/.test(l.figure))).toBe(true);
  if (viewport === DESKTOP) expect(city.labels.filter((l) => l.level === 'town').length).toBeGreaterThan(0);
  expect(city.boxes.length).toBeGreaterThanOrEqual(city.labels.length);
  expect(overlaps(city.boxes)).toEqual([]);
  if (viewport === DESKTOP) await shot(page, 'map-city-1920');

  // A county clicked on the board: the map zooms to it and shows its towns' names and figures.
  const [county] = await boardRows(page);
  await page.click(`[data-testid=board-row][data-code="${county!.code}"]`);
  await page.waitForSelector(`[data-testid=risk-map][data-selected="${county!.code}"]`);
  await page.waitForFunction((zoom) => (document.querySelector('[data-testid=risk-map]') as MapElement).maplibre.getZoom() > zoom, city.zoom);
  await mapIdle(page);
  let countyView = await renderedLabels(page);
  // The towns' figures arrive after the zoom (a new choropleth query): wait for them, up to 30 s.
  for (let tries = 0; countyView.zoom >= 9 && tries < 60 && !countyView.labels.some((l) => l.level === 'town' && l.figure !== undefined); tries += 1) {
    await page.waitForTimeout(500);
    await mapIdle(page);
    countyView = await renderedLabels(page);
  }
  const townLabels = countyView.labels.filter((l) => l.level === 'town');
  expect(townLabels.length).toBeGreaterThan(3);
  // From zoom 9 the choropleth colours towns, and their labels carry their figures.
  if (countyView.zoom >= 9) expect(townLabels.some((l) => l.figure !== undefined)).toBe(true);
  expect(countyView.boxes.length).toBeGreaterThanOrEqual(countyView.labels.length);
  expect(overlaps(countyView.boxes)).toEqual([]);
  await shot(page, `map-county-${name.replace('×', 'x')}`);
  await page.close();
}, 600_000);

test('the big screen renders at 1920×1080 and 3840×2160 without scroll bars and refreshes itself after a write', async () => {
  const page = await signIn('leader', DESKTOP, '/screen?refresh=5');
  await page.waitForSelector('[data-testid=screen-open]');
  await page.waitForSelector('[data-testid=screen] [data-testid=board-row]');
  await page.waitForSelector('[data-testid=screen] [data-testid=risk-map][data-ready=true]:not([data-choropleth-units="0"])');
  await page.waitForSelector('[data-testid=screen] [data-testid=trend-chart]');
  // No controls: no zoom buttons, no layer panel, no filters.
  expect(await page.locator('.maplibregl-ctrl-zoom-in, .layer-panel, .filter-panel').count()).toBe(0);

  const scrollBars = () => page.evaluate(() => {
    const root = document.documentElement;
    const page = root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight ? ['page'] : [];
    const inner = [...document.querySelectorAll('*')].filter((element) => {
      const style = getComputedStyle(element);
      const scrolls = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
      return (scrolls(style.overflowY) && element.scrollHeight > element.clientHeight)
        || (scrolls(style.overflowX) && element.scrollWidth > element.clientWidth);
    }).map((element) => element.className);
    return [...page, ...inner];
  });
  expect(await scrollBars()).toEqual([]);

  // The city's open hazards are the API's; a hazard reported through the API shows without a reload.
  const leader = await app.login('leader');
  const cityOpen = async () => {
    const result = await app.gql('query { jurisdictionStats(parentCode: "430000", level: city) { code openByLevel { general major } } }', {}, leader);
    const [city] = result.data.jurisdictionStats;
    return city.openByLevel.general + city.openByLevel.major as number;
  };
  const shown = async () => firstNumber(await page.textContent('[data-testid=screen-open] .value') ?? '');
  const before = await cityOpen();
  expect(await shown()).toBe(before);
  const refreshedBefore = Number(await page.getAttribute('[data-testid=screen]', 'data-refreshed'));

  const town = await scopeOf(app.db.pool, 'town');
  const reported = await app.gql(
    'mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }',
    { input: { description: '大屏刷新测试：消防通道堵塞', level: 'GENERAL', sector: 'FIRE_SAFETY', source: 'SUPERVISION', location: { lng: town.lng, lat: town.lat }, placeName: '农贸市场' } },
    await app.login('town'));
  expect(reported.errors).toBeUndefined();
  const after = await cityOpen();
  expect(after).toBe(before + 1);
  await page.waitForFunction((expected) => Number(document.querySelector('[data-testid=screen-open] .value')?.textContent?.replace(/\D/g, '')) === expected, after, { timeout: 30_000 });
  expect(Number(await page.getAttribute('[data-testid=screen]', 'data-refreshed'))).toBeGreaterThan(refreshedBefore);
  await page.waitForLoadState('networkidle');
  await shot(page, 'screen-1920');

  await page.setViewportSize({ width: 3840, height: 2160 });
  await page.waitForTimeout(500);
  expect(await scrollBars()).toEqual([]);
  await page.close();
}, 600_000);
