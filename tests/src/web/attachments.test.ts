import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { fakeJpeg, phonePhoto } from '../support/attachments';
import { launchChromium } from '../support/browser';
import { TEST_PASSWORD } from '../support/constants';
import { freshHazard, scopeOf, type Scope } from '../support/hazard-fixtures';
import { createUser } from '../support/users';

// The api in-process serving the built web app (web/dist) to Debian's headless Chromium.
let app: TestApp;
let browser: Browser;
let town: Scope;

const PHONE = { width: 375, height: 740 };
// The machine that runs the suite is shared: a city-wide first page may take a while.
const PATIENCE_MS = 120_000;

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_REPORTS_PER_HOUR: '20' });
  browser = await launchChromium();
  town = await scopeOf(app.db.pool, 'town');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const attachmentCount = async (hazardId: string) =>
  (await app.db.pool.query('select count(*)::int as n from attachments where hazard_id = $1', [hazardId])).rows[0].n as number;

const TEST_MS = 300_000;

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(PATIENCE_MS);
  await page.goto(app.baseUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=hazard-row]');
  return page;
}

/** Opens the hazard from the list, the newest find first (the hazard made for the test). */
async function openHazard(page: Page, hazardId: string): Promise<void> {
  const { rows: [row] } = await app.db.pool.query('select code from hazards where id = $1', [hazardId]);
  await page.selectOption('select[name=order]', 'FOUND_AT_DESC');
  await page.locator('[data-testid=hazard-row]', { hasText: row.code }).click();
  await page.waitForSelector('[data-testid=attachments]');
}

/** Whether the photo of `kind` is shown, decoded, in the detail. */
const photoShown = (page: Page, kind: string) => page.waitForFunction(
  (k) => [...document.querySelectorAll<HTMLImageElement>(`img[data-testid=attachment-${k}]`)].some((img) => img.complete && img.naturalWidth > 0),
  kind);

test('a citizen on a phone reports with a photo, without signing in, gets a receipt and sees its status', async () => {
  const context = await browser.newContext({
    viewport: PHONE, isMobile: true, hasTouch: true, geolocation: { longitude: town.lng, latitude: town.lat }, permissions: ['geolocation'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(PATIENCE_MS);
  await page.goto(`${app.baseUrl}/report`);
  expect(await page.locator('input[name=password]').count()).toBe(0);
  await page.click('[data-testid=use-position]');
  await page.waitForSelector(`[data-testid=picked-place]:has-text("${town.lng.toFixed(5)}")`);
  await page.selectOption('select[name=sector]', 'FIRE_SAFETY');
  await page.fill('textarea[name=description]', '小区楼道堆放电动车电池，堵塞消防通道');
  await page.fill('input[name=contact]', '139****2222');
  await page.setInputFiles('[data-testid=report-photos]', { name: '现场.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
  // Fits the phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.click('[data-testid=report-submit]');

  const receipt = (await (await page.waitForSelector('[data-testid=receipt]')).textContent())!;
  expect(receipt).toMatch(/^GZ-/);
  expect(await page.locator('[data-testid=report-receipt] [role=alert]').count()).toBe(0);
  const { rows } = await app.db.pool.query(
    `select h.reporter_contact, a.kind from hazards h join attachments a on a.hazard_id = h.id where h.code = $1`, [receipt]);
  expect(rows).toEqual([{ reporter_contact: '139****2222', kind: 'BEFORE' }]);

  await page.click('[data-testid=status-link]');
  await page.waitForURL(`**/report/${receipt}`);
  expect(await (await page.waitForSelector('[data-testid=report-status-value]')).textContent()).toBe('登记');
  const text = await page.textContent('main');
  expect(text).not.toContain('139****2222');
  expect(text).not.toContain('电动车电池');
  await context.close();
}, TEST_MS);

test('a town official adds a before photo from the hazard\'s detail', async () => {
  const hazard = await freshHazard(app.db.pool, town);
  const page = await signIn('town');
  await openHazard(page, hazard.id);
  await page.selectOption('[data-testid=attachment-kind]', 'BEFORE');
  await page.setInputFiles('[data-testid=attachment-file]', { name: 'before.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
  await photoShown(page, 'BEFORE');
  expect(await attachmentCount(hazard.id)).toBe(1);

  // Enlarged on a click.
  await page.click('.attachment-thumb');
  await page.waitForSelector('[data-testid=attachment-enlarged] img');
  await page.click('[data-testid=attachment-enlarged]');
  await page.close();
}, TEST_MS);

test('a file that is not a photo, named .jpg, and one of 20 MB get a readable error and write nothing', async () => {
  const hazard = await freshHazard(app.db.pool, town);
  const page = await signIn('town');
  await openHazard(page, hazard.id);
  await page.setInputFiles('[data-testid=attachment-file]', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: fakeJpeg() });
  await page.waitForSelector('[data-testid=attachment-upload] [role=alert]:has-text("只接受照片")');
  // From a file on disk: the browser reads it itself, rather than 20 MB passing through the driver.
  const big = join(mkdtempSync(join(tmpdir(), 'attach-')), 'big.jpg');
  writeFileSync(big, Buffer.concat([await phonePhoto(), Buffer.alloc(20 * 1024 * 1024)]));
  await page.setInputFiles('[data-testid=attachment-file]', big);
  await page.waitForSelector('[data-testid=attachment-upload] [role=alert]:has-text("文件过大")');
  expect(await attachmentCount(hazard.id)).toBe(0);
  await page.close();
}, TEST_MS);

describe('when the deployment requires a photo after rectification', () => {
  beforeAll(() => app.db.pool.query('update app.deployment set after_photo_required = true'));
  afterAll(() => app.db.pool.query('update app.deployment set after_photo_required = false'));

  test('a verifier sees the after photo in the detail before passing the major hazard', async () => {
    const hazard = await freshHazard(app.db.pool, town, 'AWAITING_VERIFICATION', 'MAJOR');
    const photo = await phonePhoto();
    await app.db.pool.query(
      `insert into attachments (hazard_id, kind, content_type, file_name, byte_size, width, height, content, thumbnail)
       values ($1, 'AFTER', 'image/jpeg', 'after.jpg', $2, 400, 200, $3, $3)`, [hazard.id, photo.length, photo]);
    // A major hazard is verified by county-level staff or its sector's department (RS006).
    const verifier = await createUser(app.db.pool, { role: 'inspector', jurisdictionCode: town.townCode.slice(0, 6), sectors: [town.sector] });
    const page = await signIn(verifier.username);
    await openHazard(page, hazard.id);
    await photoShown(page, 'AFTER');
    await page.click('[data-testid=action-verify]');
    await page.fill('[data-testid=form-verify] input[name=note]', '现场复核，整改到位');
    await page.fill('[data-testid=form-verify] input[name=evaluation]', '第三方评估合格');
    await page.click('[data-testid=form-verify] button[type=submit]');
    await page.waitForSelector('[data-testid=detail-status]:text-is("已销号")');
    await page.close();
  }, TEST_MS);
});
