import { chromium, type Browser, type Page } from 'playwright-core';

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
