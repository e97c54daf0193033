import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';

// The analysts' GraphQL explorer (/explorer) in headless Chromium, under the api's
// Content-Security-Policy: it must load, and say plainly who may use it.
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

/** The explorer page with the token the map would have stored at sign-in, and the CSP violations it reports. */
async function openExplorer(username: string | null): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  if (username) {
    const token = await app.login(username);
    await page.addInitScript((value) => localStorage.setItem('risk-map.token', value), token);
  }
  await page.goto(`${app.baseUrl}/explorer`);
  return { page, violations };
}

test('an analyst gets the explorer, with nothing refused by the Content-Security-Policy', async () => {
  const { page, violations } = await openExplorer('analyst');
  await page.waitForSelector('.graphiql-container');
  await page.waitForLoadState('networkidle');
  expect(await page.locator('[role=alert]').count()).toBe(0);
  expect(violations).toEqual([]);
  await page.close();
});

test('the public and a leader are told the explorer is for signed-in analysts and admins', async () => {
  for (const [username, role] of [[null, '群众'], ['leader', '领导']] as const) {
    const { page, violations } = await openExplorer(username);
    const alert = await page.waitForSelector('[role=alert]');
    expect(await alert.textContent()).toContain('仅供已登录的安委办分析员和系统管理员使用');
    expect(await page.textContent('main')).toContain(role);
    expect(await page.locator('.graphiql-container').count()).toBe(0);
    expect(violations).toEqual([]);
    await page.close();
  }
});
