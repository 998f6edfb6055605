// The Chromium every bench script drives, and how it opens a bench page: one place, so the
// figures of `npm run bench` and the shares of `npm run bench:trace` come from the same browser.
import { chromium } from 'playwright-core';

const EXECUTABLE = process.env.CHROME_PATH || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--js-flags=--expose-gc', '--enable-precise-memory-info'];
/**
 * Features of the browser's own UI, off because they cost CPU around every page we open and none
 * of it is ours (bench/README.md, "Quiet before each run"):
 * - Chromium 156 preloads its WebUI omnibox popup (chrome://omnibox-popup.top-chrome) in every
 *   new window, so in every browser context: a renderer of its own that burned ≈ 1 s of CPU after
 *   our page had loaded;
 * - the spare renderer is started for the next navigation, but every run navigates in a new
 *   context, which cannot use it: ≈ 0.1 s of CPU per page, thrown away.
 */
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'SpareRendererForSitePerProcess'];

/**
 * Playwright's own `--disable-features=…` switch. Chromium reads only the last one given, so
 * ours must extend it, not follow it; the browser reports its command line only with
 * `--enable-automation`, hence a short-lived browser that has it.
 */
async function playwrightDisabledFeatures() {
  const probe = await chromium.launch({ executablePath: EXECUTABLE, args: ['--enable-automation', ...ARGS] });
  try {
    const cdp = await probe.newBrowserCDPSession();
    const { arguments: args } = await cdp.send('Browser.getBrowserCommandLine');
    return args.find((arg) => arg.startsWith('--disable-features='));
  } finally {
    await probe.close();
  }
}

/** Headless Debian Chromium, with `gc()` exposed, precise `performance.memory` and no omnibox popup. */
export async function launchBrowser() {
  const defaults = await playwrightDisabledFeatures();
  const features = [...(defaults?.slice('--disable-features='.length).split(',') ?? []), ...DISABLED_FEATURES];
  return chromium.launch({
    executablePath: EXECUTABLE,
    ignoreDefaultArgs: defaults ? [defaults] : [],
    args: [...ARGS, `--disable-features=${features.join(',')}`],
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
/** The longest wait for quiet: a run then starts anyway, and the caller lists it. */
export const QUIET_MAX_MS = 15_000;

/**
 * A function that resolves once the browser's processes together have used at most
 * QUIET_CPU_MS of CPU in each of QUIET_SAMPLES consecutive 100 ms samples (or after QUIET_MAX_MS),
 * with how long it waited and whether it got quiet. Why: on a 2-core machine a run that starts
 * while other work is running measures the contention. Until the omnibox popup was turned off
 * (DISABLED_FEATURES) every new context burned ≈ 1 s of CPU after its page had loaded, and the
 * same script ran 1.5-2× slower. What is left is mostly a closing context: a wait now takes ≈ 0.25 s.
 */
export async function quietWatcher(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const cpuMs = async () => (await cdp.send('SystemInfo.getProcessInfo')).processInfo.reduce((sum, p) => sum + p.cpuTime, 0) * 1000;
  return async function untilQuiet() {
    const started = performance.now();
    let last = await cpuMs();
    let calm = 0;
    while (calm < QUIET_SAMPLES) {
      if (performance.now() - started > QUIET_MAX_MS) return { waitedMs: performance.now() - started, quiet: false };
      await new Promise((resolve) => setTimeout(resolve, QUIET_SAMPLE_MS));
      const now = await cpuMs();
      calm = now - last <= QUIET_CPU_MS ? calm + 1 : 0;
      last = now;
    }
    return { waitedMs: performance.now() - started, quiet: true };
  };
}
