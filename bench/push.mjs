// The push group of `npm run bench` (bench/README.md, "push"): Web Push in Chromium with the
// harness of the push tests (test/push/harness.mjs: a persistent profile, the fake registration
// service, pushes delivered through CDP ServiceWorker.deliverPushMessage as a push service
// would). One run = a fresh site (origin) opted in for desktop notifications:
// - relay: RELAYS pushes, one at a time, to an open page: CDP send -> the id in the store;
// - shown: SHOWN pushes with every page closed and the worker running: CDP send ->
//   showNotification resolved in the worker;
// - woken: WOKEN pushes, each to a stopped worker (CDP says stopped first): CDP send -> shown.
// Times are Date.now() on both sides (one machine, one clock), so whole milliseconds.
import { call, percentile, sleep, startBrowser, until } from '../test/push/harness.mjs';

const RELAYS = 50;
const SHOWN = 20;
const WOKEN = 3;

async function run(browser, index) {
  const site = await browser.site();
  try {
    await site.grant();
    const page = await site.open();
    await call(page, 'setPreference', 'default', 'desktop', true);
    await until(() => call(page, 'state').then((state) => state === 'subscribed'), { timeout: 20_000, message: () => 'never subscribed' });
    await site.activated();

    const relay = [];
    for (let i = 0; i < RELAYS; i++) {
      const id = `relay-${index}-${i}`;
      const sent = Date.now();
      await site.deliver({ id, title: `Relay ${i}` });
      const arrived = await until(() => call(page, 'arrivedAt', id), { message: () => `${id} never reached the store` });
      relay.push(arrived - sent);
    }

    await site.closePages();
    const shown = [];
    for (let i = 0; i < SHOWN; i++) {
      const id = `shown-${index}-${i}`;
      const sent = Date.now();
      await site.deliver({ id, title: `Shown ${i}` });
      const probe = await until(async () => (await site.probes()).find((p) => p.type === 'shown' && p.tag === id), { message: () => `${id} never shown` });
      shown.push(probe.at - sent);
    }

    const woken = [];
    for (let i = 0; i < WOKEN; i++) {
      const id = `woken-${index}-${i}`;
      await site.stopWorker();
      await sleep(100);
      const sent = Date.now();
      await site.deliver({ id, title: `Woken ${i}` });
      const probe = await until(async () => (await site.probes().catch(() => [])).find((p) => p.type === 'shown' && p.tag === id), { message: () => `${id} never shown` });
      woken.push(probe.at - sent);
    }
    return {
      relayP50: percentile(relay, 50),
      relayP95: percentile(relay, 95),
      shownP50: percentile(shown, 50),
      shownP95: percentile(shown, 95),
      wokenP50: percentile(woken, 50),
      wokenMax: Math.max(...woken),
      errors: page.errors,
    };
  } finally {
    await site.close();
  }
}

/** `runs` runs in one Chromium of its own (the push harness's: a persistent profile). */
export async function pushRuns(runs) {
  const browser = await startBrowser();
  try {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      results.push(await run(browser, i));
      process.stdout.write(`  push run ${i + 1}/${runs} (${Math.round(performance.now() - started)} ms)\n`);
    }
    return results;
  } finally {
    await browser.close();
  }
}
