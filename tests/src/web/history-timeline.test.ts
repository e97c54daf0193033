import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { TEST_PASSWORD } from '../support/constants';
import { freshHazard, scopeOf } from '../support/hazard-fixtures';

// The hazard panel's timeline in a headless Chromium: real names, and every event in words.
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

test('a town official publishes a hazard (公示): the timeline says who, what and why in Chinese, and 仅公示 lists it', async () => {
  const town = await scopeOf(app.db.pool, 'town');
  const hazard = await freshHazard(app.db.pool, town, 'RECTIFYING');
  const { rows: [row] } = await app.db.pool.query('select code from hazards where id = $1', [hazard.id]);
  const { rows: [user] } = await app.db.pool.query(`select display_name from users where username = 'town'`);

  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(app.baseUrl);
  await page.fill('input[name=username]', 'town');
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=hazard-row]');
  // The newest find first: the hazard made for this test.
  await page.selectOption('select[name=order]', 'FOUND_AT_DESC');
  await page.locator('[data-testid=hazard-row]', { hasText: row.code }).click();
  await page.waitForSelector('[data-testid=hazard-history]');
  expect(await page.textContent('[data-testid=hazard-history]')).toContain('开始整改（登记 → 整改中）');
  expect(await page.textContent('[data-testid=detail-published]')).toBe('未公示');

  await page.click('[data-testid=action-publish]');
  await page.fill('input[name=note]', '重大隐患向社会公示');
  await page.click('[data-testid=form-publish] button[type=submit]');
  await page.waitForSelector('[data-testid=detail-published]:text-is("已公示")');
  const last = page.locator('[data-testid=hazard-history] > li').last();
  await last.waitFor();
  const text = await last.textContent();
  expect(text).toContain(user.display_name);
  expect(text).toContain('公示');
  expect(text).toContain('重大隐患向社会公示');

  // The list narrowed to published hazards (仅公示) holds it.
  await page.click('text=返回列表');
  await page.check('input[name=published]');
  await page.waitForURL(/published=1/);
  await page.locator('[data-testid=hazard-row]', { hasText: row.code }).waitFor();
  await page.close();
});
