// Web Test Runner glue for the notification hub (server/hub/ stays runner-agnostic).
//
// - HTTP endpoints go in `config.middleware`: a plugin's serverStart runs after
//   Web Dev Server has installed its own middleware, so `app.use()` there is too
//   late (every hub request would 404).
// - WebSocket upgrades are taken in `serverStart({ server })`. WDS's own socket
//   is on /wds; the hub only claims paths under /hub/ and leaves others alone.
// - The `set-offline` server command emulates a browser going offline for the
//   test page (see `setPageOffline` for why it is done the way it is).

import { createHub } from '../../server/hub/index.js';
import { createFaultProxy } from './fault-proxy.js';

/** @typedef {import('../../server/hub/index.js').Hub} Hub */
/** @typedef {import('../../server/hub/index.js').HubOptions} HubOptions */
/** @template [T=unknown] @typedef {import('@web/test-runner').TestRunnerPlugin<T>} TestRunnerPlugin */
/** @typedef {import('@web/test-runner').BasicTestSession} TestSession */

/**
 * Request header that marks the requests of a page emulated as offline. The
 * hub refuses its stream requests (sse, poll, ws) as if it were unreachable.
 */
export const OFFLINE_HEADER = 'x-hub-offline';

/**
 * A hub wired for the test runner: spread `middleware` into
 * `config.middleware` and `plugin` into `config.plugins`.
 * @param {Omit<HubOptions, 'isOffline'>} [options]
 */
export function createTestHub(options = {}) {
  const hub = createHub({
    ...options,
    isOffline: (req) => req.headers[OFFLINE_HEADER] === '1',
  });
  return { hub, middleware: [hubMiddleware(hub)], plugin: hubPlugin(hub) };
}

/**
 * Koa middleware for WDS: serves everything under /hub/ except upgrades.
 * @param {Hub} hub
 * @returns {(ctx: import('koa').Context, next: import('koa').Next) => unknown}
 */
export function hubMiddleware(hub) {
  return (ctx, next) => hub.middleware(ctx, next);
}

/**
 * @param {Hub} hub
 * @returns {TestRunnerPlugin<{ offline?: unknown }>}
 */
export function hubPlugin(hub) {
  /** @type {{ host: string, port: number } | undefined} */
  let target;
  /** @type {Map<number, Awaited<ReturnType<typeof createFaultProxy>>>} */
  const proxies = new Map();

  /**
   * The `fault-proxy` command: `{ op: 'open' }` -> `{ id, port }`; with `id`:
   * `set` (faults), `blackhole`, `reset`, `fin`, `resetAfter` (bytes), `stats`, `close`.
   * @param {{ op: string, id?: number, faults?: import('./fault-proxy.js').ProxyFaults, bytes?: number }} payload
   */
  async function faultProxyCommand(payload) {
    if (payload?.op === 'open') {
      if (!target) throw new Error('fault-proxy: the server address is unknown');
      const proxy = await createFaultProxy(target);
      proxies.set(proxy.port, proxy);
      return { id: proxy.port, port: proxy.port };
    }
    const proxy = proxies.get(Number(payload?.id));
    if (!proxy) throw new Error(`fault-proxy: no proxy ${payload?.id}`);
    switch (payload.op) {
      case 'set':
        proxy.set(payload.faults ?? {});
        return proxy.stats();
      case 'blackhole':
        return { affected: proxy.blackhole() };
      case 'reset':
        return { affected: proxy.reset() };
      case 'fin':
        return { affected: proxy.fin() };
      case 'resetAfter':
        return { affected: proxy.resetAfter(Number(payload.bytes ?? 0)) };
      case 'stats':
        return proxy.stats();
      case 'close':
        proxies.delete(proxy.port);
        await proxy.close();
        return {};
      default:
        throw new Error(`fault-proxy: unknown op ${JSON.stringify(payload.op)}`);
    }
  }

  return {
    name: 'notif-hub',

    serverStart({ server }) {
      if (!server) throw new Error('notif-hub: the dev server has no http server to attach WebSockets to');
      const address = server.address();
      if (address && typeof address === 'object') {
        target = { host: address.address === '::' || address.address === '0.0.0.0' ? '127.0.0.1' : address.address, port: address.port };
      }
      server.on('upgrade', (req, socket, head) => {
        try {
          hub.handleUpgrade(req, socket, head);
        } catch (error) {
          console.error('[notif-hub] upgrade failed', error);
          socket.destroy();
        }
      });
    },

    async serverStop() {
      hub.close();
      await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
    },

    async executeCommand({ command, payload, session }) {
      if (command === 'fault-proxy') return faultProxyCommand(/** @type {any} */ (payload));
      if (command !== 'set-offline') return undefined;
      if (typeof payload?.offline !== 'boolean') {
        throw new Error('set-offline expects a payload { offline: boolean }');
      }
      return setPageOffline(session, payload.offline);
    },
  };
}

/**
 * @typedef {object} Emulation
 * @property {import('puppeteer-core').CDPSession} client
 * @property {boolean} offline
 */

/** @type {WeakMap<object, Emulation>} one per puppeteer page (pages are reused across test files) */
const emulations = new WeakMap();

/**
 * Puts the session's page offline or back online.
 *
 * Chrome's real offline emulation (`page.setOfflineMode`, CDP
 * `Network.emulateNetworkConditions({ offline: true })`) stalls every
 * WebSocket of the page in both directions until it is back online, including
 * WTR's own /wds socket that carries the command's answer, so
 * `setOffline(true)` never resolves (and the test can never ask to go back
 * online). Instead:
 * - `Network.overrideNetworkState` flips `navigator.onLine` and fires the
 *   `offline` / `online` events, without touching any connection;
 * - an extra request header (`Network.setExtraHTTPHeaders` also applies to
 *   WebSocket handshakes) marks the page's new requests, and the hub fails the
 *   marked sse/poll/ws requests like a network error (fetch rejects with a
 *   TypeError, EventSource errors and retries, WebSocket closes with 1006
 *   without opening), logging them with status 0 and offline: true.
 *   `Network.setBlockedURLs` was tried too: it does not block WebSocket
 *   handshakes, and it leaves a blocked EventSource CLOSED instead of retrying.
 * Connections already open stay open (Chrome's own emulation keeps HTTP
 * streams flowing too); a test that wants them dropped uses the hub's `cut`.
 *
 * Works with the Chrome (puppeteer) launcher only; returns false elsewhere.
 * @param {TestSession} session
 * @param {boolean} offline
 * @returns {Promise<boolean>}
 */
async function setPageOffline(session, offline) {
  /** @type {any} */
  const launcher = session.browser;
  if (launcher?.type !== 'puppeteer' || typeof launcher.getPage !== 'function') return false;
  /** @type {import('puppeteer-core').Page} */
  const page = launcher.getPage(session.id);
  let state = emulations.get(page);
  if (!state) {
    state = { client: await page.createCDPSession(), offline: false };
    emulations.set(page, state);
    const emulation = state;
    // Safety net for a test that forgets to go back online: the emulation lives
    // on the page, and WTR reuses the page for the next test file after
    // sending it to about:blank.
    page.on('framenavigated', (frame) => {
      if (emulation.offline && frame === page.mainFrame() && frame.url() === 'about:blank') {
        applyEmulation(page, emulation, false).catch(() => {});
      }
    });
  }
  await applyEmulation(page, state, offline);
  return true;
}

/**
 * @param {import('puppeteer-core').Page} page
 * @param {Emulation} state
 * @param {boolean} offline
 */
async function applyEmulation(page, state, offline) {
  state.offline = offline;
  await page.setExtraHTTPHeaders(offline ? { [OFFLINE_HEADER]: '1' } : {});
  await state.client.send('Network.overrideNetworkState', {
    offline,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}
