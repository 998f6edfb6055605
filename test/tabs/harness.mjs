// What the multi-tab tests (and the tabs bench) share: the server (the real hub and the
// page of page.ts), one Chromium driven by playwright-core, and tabs as pages of ONE browser
// context, so they share the origin's Web Locks and BroadcastChannel as tabs of one browser do.
import { chromium } from 'playwright-core';
import { startTabsServer } from './tabs-server.mjs';
import { percentile, sleep, until } from '../helpers/polling.mjs';

export { percentile, sleep, until };

/** `p50 / p95 / max` of `values`, in ms. */
export const spread = (values) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (n = ${values.length})`;

/** Notifications for the hub, `<prefix><n>` for n in [from, to], created in that order. */
export const frames = (prefix, from, to) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: `${prefix}${from + i}`, title: `Notification ${from + i}`, createdAt: 1_700_000_000_000 + (from + i) * 1000 }));

/**
 * Starts the server and the browser. `open(channel, query)` opens a tab (a page of the one
 * context) on a hub channel; each page gets `debug`, its console.debug lines. `close()` ends
 * the browser and the server; call it in `after`, so it also runs when a test failed.
 * `options.dist`: the page bundled from the built package (dist/) instead of src/ (the bench);
 * `options.browser`: a browser to use (then only the context is closed, not the browser).
 */
export async function startTabs(options = {}) {
  const server = await startTabsServer(options);
  let browser = options.browser;
  try {
    browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const context = await browser.newContext();
  const pages = new Set();
  let channels = 0;
  return {
    server,
    browser,
    context,
    /** A fresh hub channel (and crossTab name), so tests never see each other's tabs. */
    channel: (name) => `${name}-${++channels}-${Date.now().toString(36)}`,
    /** Opens a tab on `channel` with the page's query parameters (see page.ts); resolves once its store started. */
    async open(channel, query = {}) {
      const page = await context.newPage();
      pages.add(page);
      page.debug = [];
      page.on('console', (message) => {
        if (message.type() === 'debug') page.debug.push(message.text());
      });
      const params = new URLSearchParams({ channel });
      for (const [key, value] of Object.entries(query)) for (const one of [value].flat()) params.append(key, one === true ? '' : String(one));
      await page.goto(`${server.origin}/?${params}`);
      await page.waitForFunction(() => globalThis.tab !== undefined);
      return page;
    },
    /** The hub's log of a channel: requests (each with its lastEventId), open, maxOpen, lastSeq. */
    log: (channel) => server.log(channel),
    publish: (channel, list) => server.publish(channel, list),
    /**
     * Closes every tab opened so far: call it in `afterEach`. Chromium allows 6 connections
     * per host over HTTP/1.1, so tabs left open with their own connections (solo) would make
     * the next tab's page load wait forever.
     */
    async closeTabs() {
      await Promise.all([...pages].map((page) => page.close().catch(() => undefined)));
      pages.clear();
    },
    async close() {
      await (options.browser ? context : browser).close().catch(() => undefined);
      await server.stop();
    },
  };
}

/** Calls `window.tab[method](...args)` in the page (see page.ts). */
export const call = (page, method, ...args) => page.evaluate(([name, values]) => globalThis.tab[name](...values), [method, args]);

/** The same in every page, in order. */
export const callAll = (pages, method, ...args) => Promise.all(pages.map((page) => call(page, method, ...args)));

/** Waits until exactly one of `pages` leads and every page's status is `open`; that page. */
export async function leaderOf(pages, timeout = 10_000) {
  return until(
    async () => {
      const [roles, statuses] = await Promise.all([callAll(pages, 'role'), callAll(pages, 'status')]);
      const leaders = roles.filter((role) => role === 'leader');
      return leaders.length === 1 && statuses.every((status) => status === 'open') && pages[roles.indexOf('leader')];
    },
    { timeout, message: () => 'no single leader with every tab open' },
  );
}

/** Waits until every page's store got `count` messages (what crossTab handed it). */
export const untilDelivered = (pages, count, timeout = 10_000) =>
  until(async () => (await callAll(pages, 'delivered')).every((list) => list.length >= count), { timeout, message: () => `not every tab got ${count} messages` });

/**
 * Three tabs on channel `c` that got its first ten messages. `publish(n)` sends the next n
 * (`<prefix><k>`, k counting on from 1), `published()` says how many went.
 */
export async function streamingTabs(tabs, c, prefix) {
  const pages = [await tabs.open(c), await tabs.open(c), await tabs.open(c)];
  let published = 0;
  const publish = (count) => {
    tabs.publish(c, frames(prefix, published + 1, published + count));
    published += count;
  };
  publish(10);
  await untilDelivered(pages, 10);
  return { pages, publish, published: () => published };
}

/** Ends a tab the ways a leader dies: `close` (no unload handlers), `crash` (the renderer, by CDP) or `navigate` (to about:blank). */
export async function killTab(context, page, kind) {
  if (kind === 'close') await page.close({ runBeforeUnload: false });
  if (kind === 'crash') {
    const cdp = await context.newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    cdp.send('Page.crash').catch(() => undefined); // never answered: the renderer is gone
    await crashed;
  }
  if (kind === 'navigate') await page.goto('about:blank');
}
