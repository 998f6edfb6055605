// The Chromium every bench script drives, and how it opens a bench page: one place, so the
// figures of `npm run bench` and the shares of `npm run bench:trace` come from the same browser.
import { chromium } from 'playwright-core';

/** Headless Debian Chromium, with `gc()` exposed and precise `performance.memory`. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
}

/** Opens bench page `name` in a fresh context (empty cache) and waits for its module; console errors and page errors land in `errors`. */
export async function openPage(browser, origin, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${origin}/${name}.html`);
  await page.waitForFunction(() => globalThis.benchReady === true, undefined, { timeout: 15_000 });
  return { context, page, errors };
}
