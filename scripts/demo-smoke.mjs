// Smoke test of `npm start`: starts the demo dev server on a free loopback port, opens it
// in Chromium, and checks what a newcomer should see: notifications arriving by themselves,
// and after "Cut the connection" a resume with nothing missing, over SSE and WebSocket.
import { createServer } from 'vite';
import { chromium } from 'playwright-core';

const timeout = 15_000;
const failures = [];
let passed = 0;

async function check(name, run) {
  try {
    await run();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

process.env.PORT = '0';
const server = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'error' });
await server.listen();
const address = server.httpServer?.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 5173}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
// One context: its pages share an origin's Web Locks and BroadcastChannel, as tabs of one browser do.
const context = await browser.newContext();
// Every Notification.requestPermission() call: the demo must ask none on load.
await context.addInitScript(() => {
  const request = Notification.requestPermission.bind(Notification);
  globalThis.permissionRequests = 0;
  Notification.requestPermission = (...args) => {
    globalThis.permissionRequests++;
    return request(...args);
  };
});
const page = await context.newPage();
const errors = [];
page.on('pageerror', (error) => errors.push(error.message));
// Chrome logs a stream cut on purpose ("Cut the connection") as a failed resource load;
// that one message is the test doing its job, anything else is a failure.
// "Take the server offline" makes the hub refuse with a malformed answer (a network error the browser does not retry).
const deliberateCut = /ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_EMPTY_RESPONSE|ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH|ERR_CONNECTION_RESET/;
page.on('console', (message) => {
  if (message.type() === 'error' && !deliberateCut.test(message.text())) errors.push(message.text());
});

const integrity = () => page.locator('#integrity');
const missingZero = async () => {
  await page.waitForFunction(() => {
    const text = document.querySelector('#integrity')?.textContent ?? '';
    return /missing: 0$/.test(text) && !/published 0/.test(text);
  }, undefined, { timeout });
};

try {
  await page.goto(url);
  await check('the page loads and connects', async () => {
    await page.waitForFunction(() => document.querySelector('#status-pill')?.textContent === 'open', undefined, { timeout });
  });
  await check('the bell counts the seeded notifications', async () => {
    await page.waitForFunction(
      () => Number(document.querySelector('notif-bell')?.shadowRoot?.querySelector('[part~="badge"]')?.textContent) > 0,
      undefined,
      { timeout },
    );
  });
  await check('published notifications toast and reach the feed', async () => {
    await page.click('#publish button[type="submit"]');
    await page.waitForFunction(
      () => document.querySelector('notif-toaster')?.shadowRoot?.querySelector('[part~="toast"]') !== null,
      undefined,
      { timeout },
    );
    await missingZero();
  });
  for (const transport of ['sse', 'websocket', 'poll']) {
    await check(`${transport}: a cut connection resumes with nothing missing`, async () => {
      await page.check(`input[name="transport"][value="${transport}"]`);
      await page.waitForFunction(() => document.querySelector('#status-pill')?.textContent === 'open', undefined, { timeout });
      await page.selectOption('#stream', '20');
      await page.waitForTimeout(300);
      await page.click('#cut');
      await page.waitForTimeout(300);
      await page.click('#cut');
      await page.selectOption('#stream', '0');
      await page.waitForFunction(() => document.querySelector('#status-pill')?.textContent === 'open', undefined, { timeout });
      await missingZero();
      console.log(`     ${await integrity().textContent()}`);
    });
  }
  await check('cross-tab: three tabs, one connection on the server, a read in one shows in all', async () => {
    await page.check('input[name="transport"][value="sse"]');
    const others = [await context.newPage(), await context.newPage()];
    for (const other of others) await other.goto(url);
    const open = async () => (await (await fetch(`${url}hub/demo/log`)).json()).open;
    for (const tab of others) {
      await tab.waitForFunction(() => document.querySelector('#status-pill')?.textContent === 'open', undefined, { timeout });
    }
    await page.waitForFunction(() => /Connections the server holds: 1 /.test(document.querySelector('#tabs')?.textContent ?? ''), undefined, { timeout });
    if ((await open()) !== 1) throw new Error(`the server holds ${await open()} connections for 3 tabs`);
    const id = await page.evaluate(() => {
      const store = document.querySelector('notif-provider').store;
      const unread = store.$items.get().find((n) => !n.read);
      store.markRead(unread.id);
      return unread.id;
    });
    for (const tab of others) {
      await tab.waitForFunction((read) => document.querySelector('notif-provider').store.$items.get().find((n) => n.id === read)?.read, id, { timeout });
    }
    for (const tab of others) await tab.close();
  });
  await check('offline: a read waits while the server is off (the feed marks it), and reaches it once it is back', async () => {
    await page.click('#offline');
    await page.waitForFunction(() => document.querySelector('#offline')?.getAttribute('aria-pressed') === 'true', undefined, { timeout });
    const id = await page.evaluate(() => {
      const store = document.querySelector('notif-provider').store;
      const unread = store.$items.get().find((n) => !n.read);
      store.markRead(unread.id);
      return unread.id;
    });
    await page.waitForFunction(() => /waiting for the server: 1/.test(document.querySelector('#outbox')?.textContent ?? ''), undefined, { timeout });
    await page.click('#offline');
    await page.waitForFunction(() => /reached the server/.test(document.querySelector('#outbox')?.textContent ?? ''), undefined, { timeout });
    const { actions } = await (await fetch(`${url}hub/demo/log`)).json();
    if (!actions.some((a) => a.status === 204 && a.ids.includes(id))) throw new Error(`the server never took the read of ${id}`);
    await page.waitForFunction(() => document.querySelector('#status-pill')?.textContent === 'open', undefined, { timeout });
  });
  await check('web push: nothing asked on load; the hub serves its key; /notif-sw.js registers with the root scope; a push reaches the feed', async () => {
    const onLoad = await page.evaluate(async () => ({ asked: globalThis.permissionRequests, workers: (await navigator.serviceWorker.getRegistrations()).length }));
    if (onLoad.asked !== 0 || onLoad.workers !== 0) throw new Error(`on load: ${onLoad.asked} permission requests, ${onLoad.workers} workers registered`);
    const { publicKey } = await (await fetch(`${url}hub/demo/push/key`)).json();
    if (!/^[\w-]{87}$/.test(publicKey ?? '')) throw new Error(`the hub's VAPID key: ${publicKey}`);
    const cdp = await context.newCDPSession(page);
    const registrations = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
    await cdp.send('ServiceWorker.enable');
    const scope = await page.evaluate(async () => {
      await navigator.serviceWorker.register('/notif-sw.js');
      return (await navigator.serviceWorker.ready).scope;
    });
    if (scope !== url) throw new Error(`the worker's scope is ${scope}, not ${url}`);
    const origin = new URL(url).origin;
    const registration = registrations.find((r) => r.scopeURL === url && !r.isDeleted);
    if (!registration) throw new Error('CDP reported no registration for the demo');
    // What a push service delivers when the hub sends (a test push: no subscription needed).
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: registration.registrationId, data: JSON.stringify({ type: 'notification', id: 'pushed-1', title: 'Sent by Web Push' }) });
    await page.waitForFunction(() => document.querySelector('notif-provider').store.$items.get().some((n) => n.id === 'pushed-1'), undefined, { timeout });
    await cdp.detach();
  });
  await check('no console error or uncaught exception', async () => {
    if (errors.length) throw new Error(errors.join(' | '));
  });
} finally {
  await browser.close();
  await server.close();
}
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
