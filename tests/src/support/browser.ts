import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './constants';

/**
 * Debian's Chromium, headless, with nothing reaching out to the network (no downloads, no
 * background requests this machine would refuse): the one way the web tests start a browser.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Turns the map's heatmap on (it is off at first, so it does not blur the choropleth) and waits for its cells. */
export async function showHeatmap(page: Page): Promise<void> {
  await page.check('input[name=layer-heatmap]');
  await page.waitForSelector('[data-testid=risk-map]:not([data-heat-cells="0"])');
}

/**
 * A new page signed in through the form as a demo or test user (password TEST_PASSWORD),
 * once `ready` shows (the staff's map by default); downloads are accepted.
 */
export async function signInPage(browser: Browser, baseUrl: string, username: string, options: {
  viewport?: { width: number; height: number }; ready?: string; timeoutMs?: number;
} = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1366, height: 900 }, acceptDownloads: true });
  if (options.timeoutMs) page.setDefaultTimeout(options.timeoutMs);
  await page.goto(baseUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector(options.ready ?? '[data-testid=risk-map][data-ready=true]');
  return page;
}
