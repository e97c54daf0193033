import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { dayAfter, deadlineOf, sweep } from '../support/chase';
import { KINDS, kindHazard, testPlace } from '../support/closed-loop';
import { TEST_PASSWORD } from '../support/constants';
import { createUser } from '../support/users';

// The bell in the map's header, in a headless Chromium: the unread count after a reminder,
// the list, and an item that opens its hazard with the ladder's step in the timeline.
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

test('after a reminder and an escalation the bell shows the unread count; an item opens its hazard, whose timeline shows 书面说明', async () => {
  const place = await testPlace(app.db.pool);
  const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: place.townCode });
  const reminded = await kindHazard(app.db.pool, place, KINDS[0]!, 'RECTIFYING', { deadlineDays: 3, subject: 'place' });
  const late = await kindHazard(app.db.pool, place, KINDS[0]!, 'RECTIFYING', { deadlineDays: 30, subject: 'place' });

  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(app.baseUrl);
  await page.fill('input[name=username]', user.username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  // The embedded database serves the whole map's first load through its one connection.
  await page.waitForSelector('[data-testid=user]', { timeout: 90_000 });
  await page.waitForSelector('[data-testid=notification-bell]');
  expect(await page.locator('[data-testid=notification-count]').count()).toBe(0);

  // The sweep on a controlled clock: the reminder today, the late one's first day overdue.
  await sweep(app.db.pool, [reminded], (await deadlineOf(app.db.pool, reminded)).today);
  await sweep(app.db.pool, [late], dayAfter((await deadlineOf(app.db.pool, late)).deadline, 1));
  await page.reload();
  await page.waitForSelector('[data-testid=notification-count]:text-is("3")', { timeout: 90_000 });

  await page.click('[data-testid=notification-bell]');
  const list = page.locator('[data-testid=notification-list]');
  await list.locator('li', { hasText: '整改提醒' }).waitFor();
  expect(await list.textContent()).toContain('超期提醒');
  const { rows: [lateRow] } = await app.db.pool.query('select code from hazards where id = $1', [late]);
  await list.locator('li', { hasText: '书面说明' }).click();

  await page.waitForSelector('[data-testid=hazard-history]');
  const timeline = await page.textContent('[data-testid=hazard-history]');
  expect(timeline).toContain('书面说明（');
  expect(timeline).toContain('安全生产委员会');
  expect(await page.textContent('.details')).toContain(lateRow.code);
  await page.waitForSelector('[data-testid=notification-count]:text-is("2")');
  await page.close();
});
