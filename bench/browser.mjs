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

const QUIET_SAMPLE_MS = 100;
/** CPU time of all the browser's processes together, per sample, that counts as quiet (20 % of a core). */
const QUIET_CPU_MS = 20;
const QUIET_SAMPLES = 2;

/**
 * A function that resolves once the browser's processes together have used at most
 * QUIET_CPU_MS of CPU in each of QUIET_SAMPLES consecutive 100 ms samples (or after `maxMs`),
 * with how long it waited and whether it got quiet. Why: a new renderer keeps ≈ 1.4 cores busy
 * for ≈ 1 s after its page has loaded (bare.html, which loads no library, too), and on a
 * 2-core machine a run that starts then measures that contention: the same script ran 1.5-2×
 * slower (bench/README.md, "Quiet before each run").
 */
export async function quietWatcher(browser, { maxMs = 15_000 } = {}) {
  const cdp = await browser.newBrowserCDPSession();
  const cpuMs = async () => (await cdp.send('SystemInfo.getProcessInfo')).processInfo.reduce((sum, p) => sum + p.cpuTime, 0) * 1000;
  return async function untilQuiet() {
    const started = performance.now();
    let last = await cpuMs();
    let calm = 0;
    while (calm < QUIET_SAMPLES) {
      if (performance.now() - started > maxMs) return { waitedMs: performance.now() - started, quiet: false };
      await new Promise((resolve) => setTimeout(resolve, QUIET_SAMPLE_MS));
      const now = await cpuMs();
      calm = now - last <= QUIET_CPU_MS ? calm + 1 : 0;
      last = now;
    }
    return { waitedMs: performance.now() - started, quiet: true };
  };
}
