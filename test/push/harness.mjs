// What the Web Push tests (and the push bench) share: one Chromium with a persistent profile
// (pushManager.subscribe() needs one) pointed at the fake registration service, a control page
// (about:blank, of no origin under test) whose CDP session delivers pushes and watches the
// workers, and sites: a fresh server (a new origin: its own worker, permission, subscription
// and notifications) per test. See ../../../shared/WEBPUSH-TESTING.md for the facts this relies on.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startPushServer } from './push-server.mjs';
import { percentile, sleep, until } from '../helpers/polling.mjs';

const require = createRequire(import.meta.url);
const { createFakeGcm } = require('../servers/webpush/fake-gcm.cjs');

export { percentile, sleep, until };

/** Calls `window.push[method](...args)` in the page (see page.ts). */
export const call = (page, method, ...args) => page.evaluate(([name, values]) => globalThis.push[name](...values), [method, args]);

/**
 * Starts the fake registration service and Chromium. `args` replace the fake service's
 * delivery switch (the full round trip passes fake-mcs's). `close()` in `after`.
 * @param {{ args?: string[] }} [options]
 */
export async function startBrowser(options = {}) {
  const gcm = await createFakeGcm();
  const profile = await mkdtemp(join(tmpdir(), 'notif-push-'));
  const gcmArgs = options.args ? [...gcm.args.filter((arg) => !arg.startsWith('--gcm-mcs-endpoint=')), ...options.args] : gcm.args;
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...gcmArgs],
    });
  } catch (error) {
    await gcm.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  // The control page: its CDP session stays for the whole file (permission overrides and the
  // ServiceWorker domain live as long as the session), and it is no page of any site's origin.
  const control = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(control);
  /** @type {Map<string, { registrationId: string, scopeURL: string, isDeleted: boolean }>} by scope */
  const registrations = new Map();
  /** @type {Map<string, { versionId: string, registrationId: string, runningStatus: string, status: string }>} by version */
  const versions = new Map();
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: list }) => {
    for (const r of list) registrations.set(r.scopeURL, r);
  });
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: list }) => {
    for (const v of list) versions.set(v.versionId, v);
  });
  await cdp.send('ServiceWorker.enable');
  const sites = new Set();

  /** The live registration of `origin`'s root scope and its newest version. */
  const registrationOf = (origin) => {
    const registration = registrations.get(`${origin}/`);
    if (!registration || registration.isDeleted) return undefined;
    const version = [...versions.values()].filter((v) => v.registrationId === registration.registrationId).at(-1);
    return { ...registration, version };
  };

  return {
    context,
    cdp,
    gcm,
    /**
     * A new origin: the push server on a port of its own. `open(query)` opens a page of it
     * on the site's hub channel; each page collects `errors` (uncaught exceptions).
     * @param {{ webPush?: object }} [siteOptions] the hub's Web Push sender options
     */
    async site(siteOptions = {}) {
      const server = await startPushServer(siteOptions);
      const { origin } = server;
      const pages = new Set();
      let channels = 0;
      const site = {
        server,
        origin,
        channel: `push-${Date.now().toString(36)}`,
        /** Opens a page of the site; resolves once its store started. */
        async open(query = {}) {
          const page = await context.newPage();
          pages.add(page);
          page.errors = [];
          page.on('pageerror', (error) => page.errors.push(error.message));
          page.on('close', () => pages.delete(page));
          const params = new URLSearchParams({ channel: site.channel, ...query });
          await page.goto(`${origin}/?${params}`);
          await page.waitForFunction(() => globalThis.push !== undefined);
          return page;
        },
        /** A fresh hub channel for the next pages. */
        newChannel: () => (site.channel = `push-${++channels}-${Date.now().toString(36)}`),
        grant: () => context.grantPermissions(['notifications'], { origin }),
        /** Denies notifications for the origin (CDP: Playwright has no "deny"). */
        deny: () => cdp.send('Browser.setPermission', { permission: { name: 'notifications' }, setting: 'denied', origin }),
        /** The registration (with its newest version), once the worker is activated and running. */
        activated: () =>
          until(
            () => {
              const r = registrationOf(origin);
              return r?.version?.status === 'activated' && r.version.runningStatus === 'running' && r;
            },
            { message: () => `the worker of ${origin} never ran activated` },
          ),
        /** Delivers a push (a string, or an object sent as JSON) through CDP, as a push service would. */
        async deliver(data) {
          const registration = registrationOf(origin);
          if (!registration) throw new Error(`no worker registered for ${origin}`);
          await cdp.send('ServiceWorker.deliverPushMessage', {
            origin,
            registrationId: registration.registrationId,
            data: typeof data === 'string' ? data : JSON.stringify(data),
          });
        },
        /** Stops the worker and waits until CDP says it stopped (a push sent while it stops can be lost). */
        async stopWorker() {
          await cdp.send('ServiceWorker.stopAllWorkers');
          await until(() => registrationOf(origin)?.version?.runningStatus === 'stopped', { message: () => 'the worker never stopped' });
        },
        /** The running worker's handle (Playwright), once there is one. */
        worker: () =>
          until(() => context.serviceWorkers().find((worker) => worker.url().startsWith(`${origin}/`)), { message: () => 'no running worker' }),
        /** The worker's probes (test-sw.ts): push events handled, notifications shown. */
        probes: async () => {
          const worker = await site.worker();
          // A worker that stops meanwhile never answers: the callers poll again.
          let timer;
          const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the worker did not answer within 2 s')), 2000)));
          try {
            return await Promise.race([worker.evaluate(() => globalThis.probes), late]);
          } finally {
            clearTimeout(timer);
          }
        },
        /** Waits until the worker handled a push whose data contains `marker`; its probe. */
        handled: (marker) =>
          until(async () => (await site.probes().catch(() => [])).find((p) => p.type === 'handled' && p.data.includes(marker)), {
            message: () => `the worker never handled the push with ${marker}`,
          }),
        /** The windows the worker sees: url, visibilityState, focused. */
        clients: async () =>
          (await site.worker()).evaluate(async () =>
            (await globalThis.clients.matchAll({ type: 'window', includeUncontrolled: true })).map((c) => ({ url: c.url, visibilityState: c.visibilityState, focused: c.focused })),
          ),
        /** Closes every page of the site. */
        closePages: () => Promise.all([...pages].map((page) => page.close().catch(() => undefined))),
        async close() {
          await site.closePages();
          await server.stop();
          sites.delete(site);
        },
      };
      sites.add(site);
      return site;
    },
    async close() {
      for (const site of [...sites]) await site.close();
      await context.close().catch(() => undefined);
      await gcm.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
