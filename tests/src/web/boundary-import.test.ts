import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';

// The admin's boundary import screen in headless Chromium: reached from the top bar, a dry
// run of one town's boundary (a dry run writes nothing: the shared demo data stays as it is).
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

test('the admin opens 区划边界导入 from the top bar, dry-runs a GeoJSON of a town and reads the report; a leader has no link', async () => {
  const { rows: [town] } = await app.db.pool.query(
    `select code, name, st_asgeojson(boundary) as boundary from jurisdictions where level = 'town' order by code limit 1`);
  const file = JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { 区划代码: town.code }, geometry: JSON.parse(town.boundary) },
    { type: 'Feature', properties: { 名称: '不存在镇' }, geometry: JSON.parse(town.boundary) },
  ] });
  const page = await browser.newPage();
  await page.addInitScript((value) => localStorage.setItem('risk-map.token', value), await app.login('admin'));
  await page.goto(app.baseUrl);
  await page.click('[data-testid=boundary-import-link]');
  await page.waitForURL('**/admin/boundaries');
  await page.setInputFiles('input[name=file]', { name: '乡镇.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(file) });
  await page.selectOption('select[name=level]', 'town');
  await page.click('button[type=submit]');
  const report = await page.waitForSelector('[data-testid=boundary-report]');
  const text = (await report.textContent())!;
  expect(text).toContain('共 2 条记录，匹配 1 条，未匹配 1 条');
  expect(text).toContain(`${town.name} ${town.code}`);
  expect(text).toContain('没有与本地区划代码或名称相符的属性');
  expect(await page.locator('button:has-text("确认导入")').isEnabled()).toBe(true);
  const { rows: [after] } = await app.db.pool.query('select synthetic_boundary, boundary_imported_at from jurisdictions where code = $1', [town.code]);
  expect(after).toEqual({ synthetic_boundary: true, boundary_imported_at: null });

  const leader = await browser.newPage();
  await leader.addInitScript((value) => localStorage.setItem('risk-map.token', value), await app.login('leader'));
  await leader.goto(app.baseUrl);
  await leader.waitForSelector('[data-testid=user]');
  expect(await leader.locator('[data-testid=boundary-import-link]').count()).toBe(0);
  expect(await leader.textContent('[data-testid=synthetic-note]')).toContain('乡镇边界为示意性合成边界');
  await page.close();
  await leader.close();
});
