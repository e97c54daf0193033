import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase, type Database } from '@risk/db';
import { createApp } from '@risk/api/app';
import { readConfig } from '@risk/api/config';
import { TEST_PASSWORD } from '../support/constants';

// One api in-process, on the test database's single connection (db.pool), serving web/dist.
let db: Database;
let server: Server;
let browser: Browser;
let base: string;

const SCREENSHOTS = join(__dirname, '..', '..', 'screenshots');

beforeAll(async () => {
  const config = { ...readConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL, DB_POOL_SIZE: '1', DEMO_PASSWORD: TEST_PASSWORD }), port: 0 };
  db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1, statementTimeoutMs: config.statementTimeoutMs, log: () => {} });
  ({ server } = await createApp(config, db));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

async function signIn(username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  await page.goto(base);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=risk-map][data-ready=true]');
  await page.waitForSelector('[data-testid=hazard-row]');
  return page;
}

const total = async (page: Page) => Number((await page.textContent('[data-testid=hazard-total]'))!.replace(/\D/g, ''));

test('a leader sees every county of the city on the map', async () => {
  const page = await signIn('leader', { width: 1920, height: 1080 });
  expect(await page.locator('.map-label-county').count()).toBeGreaterThanOrEqual(6);
  await page.screenshot({ path: join(SCREENSHOTS, 'leader-1920.png') });
  await page.close();
});

test('changing the sector filter changes the counts and the URL', async () => {
  const page = await signIn('leader');
  const all = await total(page);
  await page.selectOption('[data-testid=filter-sectors]', 'HAZARDOUS_CHEMICALS');
  await page.waitForURL(/sector=HAZARDOUS_CHEMICALS/);
  await page.waitForLoadState('networkidle');
  expect(await total(page)).toBeLessThan(all);
  await page.screenshot({ path: join(SCREENSHOTS, 'sector-filter.png') });
  await page.close();
});

test('a town official sees only their town', async () => {
  const page = await signIn('town');
  expect(await page.locator('.map-label-county').count()).toBe(0);
  expect(await page.locator('.map-label-town').count()).toBe(1);
  await page.screenshot({ path: join(SCREENSHOTS, 'town.png') });
  await page.close();
});

test('a town official starts and submits an overdue hazard, and an inspector rejects it', async () => {
  const town = await signIn('town');
  await town.check('input[name=overdue]');
  await town.selectOption('[data-testid=filter-statuses]', 'REPORTED');
  await town.locator('[data-testid=hazard-row]').first().click();
  await town.click('[data-testid=action-start]');
  await town.fill('input[name=responsiblePerson]', '张三');
  await town.fill('input[name=measures]', '更换防护栏');
  await town.fill('input[name=fundsYuan]', '5000');
  await town.fill('input[name=deadline]', '2099-12-31');
  await town.fill('input[name=contingencyPlan]', '现场警戒');
  await town.click('[data-testid=form-start] button[type=submit]');
  await town.waitForSelector('[data-testid=action-submit]');
  await town.click('[data-testid=action-submit]');
  await town.fill('input[name=note]', '整改完成');
  await town.click('[data-testid=form-submit] button[type=submit]');
  await town.waitForSelector('[data-testid=detail-status]:text-is("待验收")');
  await town.screenshot({ path: join(SCREENSHOTS, 'town-submitted.png') });
  const code = (await town.textContent('[data-testid=hazard-detail] h2'))!.split(' · ')[0]!;
  await town.close();

  const inspector = await signIn('admin');
  await inspector.selectOption('[data-testid=filter-statuses]', 'AWAITING_VERIFICATION');
  await inspector.locator('[data-testid=hazard-row]', { hasText: code }).click();
  await inspector.click('[data-testid=action-reject]');
  await inspector.fill('input[name=note]', '防护栏未固定');
  await inspector.click('[data-testid=form-reject] button[type=submit]');
  await inspector.waitForSelector('[data-testid=detail-status]:text-is("整改中")');
  await inspector.screenshot({ path: join(SCREENSHOTS, 'rejected.png') });
  await inspector.close();
});

test('the language switch changes the labels', async () => {
  const page = await signIn('leader');
  await page.selectOption('select.language', 'en');
  await page.waitForSelector('text=Hazard ledger');
  await page.screenshot({ path: join(SCREENSHOTS, 'english.png') });
  await page.selectOption('select.language', 'zh-CN');
  await page.close();
});

test('export downloads the filtered rows as CSV with Chinese headers', async () => {
  const page = await signIn('leader');
  await page.selectOption('[data-testid=filter-levels]', 'MAJOR');
  await page.waitForTimeout(500);
  const expected = await total(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=导出 CSV')]);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toContain('隐患编号');
  expect(lines.length - 1).toBe(expected);
  await page.screenshot({ path: join(SCREENSHOTS, 'export.png') });
  await page.close();
});
