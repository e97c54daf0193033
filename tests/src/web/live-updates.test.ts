import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium, showHeatmap } from '../support/browser';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';
import { TEST_PASSWORD } from '../support/constants';
import { createUser } from '../support/users';

// The web app in Chromium over the in-process api: what another user does shows on an open
// page through the live updates (WebSocket), without a reload.
let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

/** Signs a new town official of the place's town in, and waits for the panel and the live connection. */
async function openAsOfficial(place: Place): Promise<Page> {
  const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(app.baseUrl);
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  // Generous waits: the first page load builds the map on a busy machine.
  await page.waitForSelector('[data-testid=risk-map][data-ready=true]', { timeout: 90_000 });
  await page.waitForSelector('[data-testid=figure-open] .value', { timeout: 60_000 });
  await page.waitForSelector('[data-testid=live-status][data-state=connected]', { timeout: 30_000 });
  return page;
}

const openFigure = async (page: Page) => digits(await page.textContent('[data-testid=figure-open] .value'));

test('the panel, list and map follow when another user closes a hazard, without a reload', async () => {
  const place = await testPlace(app.db.pool);
  // Submitted by its rectifier (walked there by the owner), waiting for this town's verification.
  const hazard = await kindHazard(app.db.pool, place, KINDS[0]!, 'AWAITING_VERIFICATION');
  const page = await openAsOfficial(place);
  await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
  const before = await openFigure(page);
  expect(before).toBeGreaterThan(0);
  const updatesBefore = Number(await page.getAttribute('[data-testid=live-status]', 'data-updates'));
  await showHeatmap(page);
  const heatBefore = Number(await page.getAttribute('[data-testid=risk-map]', 'data-heat-weight'));

  // Another official of the town verifies and closes it (销号), through the api.
  const other = await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode });
  const token = await app.login(other.username);
  const { rows: [{ version }] } = await app.db.pool.query('select version from hazards where id = $1', [hazard]);
  const closed = await app.gql(
    'mutation ($id: ID!, $v: Int!) { verifyRectification(id: $id, version: $v, passed: true, note: "验收合格") { status } }',
    { id: hazard, v: version }, token);
  expect(closed.data?.verifyRectification.status).toBe('CLOSED');

  await page.waitForFunction((count) => Number(document.querySelector('[data-testid=live-status]')?.getAttribute('data-updates')) > count, updatesBefore,
    { timeout: 5000 });
  await page.waitForFunction((count) => Number(document.querySelector('[data-testid=figure-open] .value')?.textContent?.replace(/\D/g, '')) === count - 1,
    before, { timeout: 10000 });
  // The map's heat of open hazards lost the closed one; the page is the page it was.
  await page.waitForFunction((weight) => Number(document.querySelector('[data-testid=risk-map]')?.getAttribute('data-heat-weight')) < weight,
    heatBefore, { timeout: 10000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await page.close();
});
