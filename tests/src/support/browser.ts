import { chromium, type Browser } from 'playwright-core';

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
