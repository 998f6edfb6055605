// A real notification push server for tests and demos: Server-Sent Events,
// polling (short and long) and WebSocket, on plain Node `http` + `ws`.
//
// Every URL lives under `/hub/<channel>/...`. Channels are created on demand by
// name, so each test can use a fresh, isolated channel. Tests drive a channel
// over HTTP (`POST /hub/<c>/control`) and inspect it (`GET /hub/<c>/log`), so the
// same program serves the test runner (see test/servers/hub-plugin.js) and a
// demo dev server. Nothing in here knows about the test runner.
//
// The fault injection (faults.js) exists so that the transports' error handling
// can be tested against real sockets instead of mocks: a `cut` really destroys
// the TCP connection, a `respond` really answers with that status, a malformed
// frame really reaches the parser.
//
// API (cursor = seq of the last event the client has; none = 0 = from the
// start, except with `live=1` where none = only new events):
//   GET  /hub/<c>/sse   cursor: Last-Event-ID header, else ?lastEventId.
//                       [`retry: <ms>`] `:ok`, then `id: <seq>` + `data:` lines per event.
//   GET  /hub/<c>/poll  ?lastEventId ?max=<n> ?long=1 ?timeoutMs=<ms, default 20000>
//                       -> {"items":[<raw data>,…],"eventId":"<last seq sent, else cursor>"}
//   WS   /hub/<c>/ws    ?lastEventId; one text frame per event (its data);
//                       client frames are logged; {"type":"ping"} -> {"type":"pong"}
//   POST /hub/<c>/control {action, …}: the actions of control-actions.js
//   GET  /hub/<c>/log   {requests, preflights, open, maxOpen, received, lastSeq}
//   /hub/<c>/push/key|subscribe|unsubscribe|log  Web Push, with the `webPush` option (webpush.js)

import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { destroyAll, logOf, newChannel } from './channels.js';
import { control, handleControl } from './control.js';
import { sendJson, writeRawHttp } from './http.js';
import { handlePoll } from './poll.js';
import { openSse } from './sse.js';
import { handleAction } from './actions.js';
import { upgradeWs } from './ws.js';
import { createWebPush } from './webpush.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:stream').Duplex} Duplex */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./control-actions.js').ControlAction} ControlAction */
/** @typedef {import('./control-actions.js').ControlResult} ControlResult */

/**
 * @typedef {object} HubOptions
 * @property {number} [historyLimit] events kept per channel (default 100000)
 * @property {string} [prefix] URL prefix (default '/hub/')
 * @property {number} [cutGraceMs] delay between flushing the last bytes and
 *   destroying the socket for `cutAfter` (default 50)
 * @property {(req: IncomingMessage) => boolean} [isOffline]
 *   When it returns true for a stream request (sse, poll, ws), the request
 *   fails in the browser like a network error (see faults.js refuseOffline)
 *   and is logged with status 0 and offline: true. Control and log requests
 *   are never refused. The test runner uses it to emulate a browser that is offline.
 * @property {import('./webpush.js').WebPushOptions} [webPush]
 *   Sends every published notification as a Web Push to the endpoints
 *   subscribed to its topic too (see webpush.js); off without it.
 */

/**
 * The part of a Koa context the hub uses.
 * @typedef {object} KoaContext
 * @property {IncomingMessage} req
 * @property {ServerResponse} res
 * @property {number} status
 * @property {boolean} [respond]
 */

/**
 * @typedef {[ctx: KoaContext, next: () => unknown] | [req: IncomingMessage, res: ServerResponse, next?: () => unknown]} MiddlewareArgs
 */

/**
 * @typedef {object} Hub
 * @property {(...args: MiddlewareArgs) => unknown} middleware
 *   Koa style `(ctx, next)` (Web Dev Server / Web Test Runner) or connect style
 *   `(req, res, next)` (Vite, Express, plain http with next = 404).
 * @property {(req: IncomingMessage, socket: Duplex, head: Buffer) => boolean} handleUpgrade
 *   Call from the http server's 'upgrade' event; returns false (and leaves the
 *   socket alone) for paths outside the prefix, so other upgrade handlers work.
 * @property {() => void} close destroys every open connection and timer
 * @property {(channel: string, body: ControlAction) => ControlResult} control
 *   the control actions of `POST <prefix><channel>/control`, from the server side
 * @property {import('./webpush.js').WebPush | undefined} webPush
 *   the Web Push sender, with the `webPush` option: its `publicKey`, and `idle()`
 *   to wait for the pushes sent so far
 */

const DEFAULT_HISTORY_LIMIT = 100000;
const DEFAULT_CUT_GRACE_MS = 50; // see faults.js destroyLater

/**
 * @param {HubOptions} [options]
 * @returns {Hub}
 */
export function createHub(options = {}) {
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const prefix = options.prefix ?? '/hub/';
  const faults = {
    isOffline: options.isOffline ?? (() => false),
    cutGraceMs: options.cutGraceMs ?? DEFAULT_CUT_GRACE_MS,
  };

  /** @type {Map<string, Channel>} */
  const channels = new Map();
  // noServer: we get upgrades handed over by whoever owns the http server, and
  // leave every other path (e.g. the dev server's own /wds socket) alone.
  const wss = new WebSocketServer({ noServer: true });
  const webPush = options.webPush ? createWebPush(options.webPush) : undefined;

  /** @param {string} name @returns {Channel} */
  function getChannel(name) {
    let ch = channels.get(name);
    if (!ch) {
      ch = newChannel(name, historyLimit);
      if (webPush) {
        const created = ch;
        created.onPublish = (events) => webPush.published(created, events);
      }
      channels.set(name, ch);
    }
    return ch;
  }

  /**
   * @param {string | undefined} rawUrl
   * @returns {{ channel: string, endpoint: string, query: URLSearchParams, action?: string } | null}
   */
  function parse(rawUrl) {
    const url = new URL(rawUrl ?? '/', 'http://hub.invalid');
    if (!url.pathname.startsWith(prefix)) return null;
    const [channelPart, endpoint = '', ...rest] = url.pathname.slice(prefix.length).split('/');
    let channel;
    try {
      channel = decodeURIComponent(channelPart ?? '');
    } catch {
      channel = ''; // malformed %-escape
    }
    // One level deeper for Web Push only: /push/<action>.
    const action = endpoint === 'push' && rest.length === 1 ? rest[0] : undefined;
    if (!channel || (rest.length > 0 && !action)) return { channel: '', endpoint: '', query: url.searchParams };
    return { channel, endpoint, query: url.searchParams, ...(action && { action }) };
  }

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   * @returns {boolean} false when the path is not ours
   */
  function handleHttp(req, res) {
    const route = parse(req.url);
    if (!route) return false;
    const { channel, endpoint, query, action } = route;
    if (!channel) {
      sendJson(res, 404, { ok: false, error: `expected ${prefix}<channel>/<sse|poll|ws|control|log|actions|push/…>` });
      return true;
    }
    const ch = getChannel(channel);
    const method = req.method ?? 'GET';
    if (answeredCors(ch, req, res, endpoint)) return true;
    if (endpoint === 'control') {
      if (method !== 'POST') sendJson(res, 405, { ok: false, error: 'POST a JSON body' });
      else void handleControl(channels, ch, req, res);
    } else if (endpoint === 'actions') {
      if (method !== 'POST') sendJson(res, 405, { ok: false, error: 'POST a JSON body' });
      else void handleAction(faults, ch, req, res);
    } else if (endpoint === 'push' && webPush && action) {
      void webPush.handle(ch, action, req, res);
    } else if (endpoint === 'log') {
      sendJson(res, 200, logOf(ch));
    } else if (endpoint === 'sse' || endpoint === 'poll') {
      if (method !== 'GET') sendJson(res, 405, { ok: false, error: 'GET only' });
      else if (endpoint === 'sse') openSse(faults, ch, req, res, query);
      else handlePoll(faults, ch, req, res, query);
    } else {
      sendJson(res, 404, { ok: false, error: `unknown endpoint "${endpoint}"` });
    }
    return true;
  }

  /** @param {MiddlewareArgs} args @returns {args is [KoaContext, () => unknown]} */
  function isKoa(args) {
    const [a, b] = args;
    return typeof a === 'object' && a !== null && 'req' in a && 'res' in a && typeof b === 'function';
  }

  /** @type {Hub['middleware']} */
  function middleware(...args) {
    // Koa (Web Dev Server): (ctx, next). The response is written on the raw
    // node objects, so tell Koa to keep its hands off it.
    if (isKoa(args)) {
      const [ctx, next] = args;
      if (!parse(ctx.req.url)) return next();
      // Koa's default status is 404; WTR reports 404s of the page's requests as
      // warnings after `await next()`, so make it look answered.
      ctx.status = 200;
      ctx.respond = false;
      handleHttp(ctx.req, ctx.res);
      return Promise.resolve();
    }
    const [req, res, next] = args;
    if (handleHttp(req, res)) return undefined;
    if (typeof next === 'function') return next();
    sendJson(res, 404, { ok: false, error: 'not found' });
    return undefined;
  }

  /** @type {Hub['handleUpgrade']} */
  function handleUpgrade(req, socket, head) {
    const route = parse(req.url);
    if (!route) return false;
    const { channel, endpoint, query } = route;
    if (!channel || endpoint !== 'ws') {
      writeRawHttp(socket, 404, { 'Content-Type': 'text/plain' }, 'not a hub WebSocket endpoint');
      return true;
    }
    upgradeWs(wss, faults, getChannel(channel), req, socket, head, query);
    return true;
  }

  function close() {
    for (const ch of channels.values()) destroyAll(ch);
    channels.clear();
    wss.close();
  }

  return {
    middleware,
    handleUpgrade,
    close,
    control: (name, body) => control(channels, getChannel(name), body),
    webPush,
  };
}

/**
 * Any origin may read the hub: the fault proxy in front of it is another
 * origin (another port) than the page, and so is a demo on another host.
 * Answers a preflight (OPTIONS) itself; returns whether it did.
 * @param {Channel} ch @param {IncomingMessage} req @param {ServerResponse} res @param {string} endpoint
 */
function answeredCors(ch, req, res, endpoint) {
  const origin = req.headers.origin;
  if (ch.corsCredentials && typeof origin === 'string') {
    // credentialed CORS: `*` is not allowed, the origin must be echoed
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  } else res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  if (req.method !== 'OPTIONS') return false;
  const asked = req.headers['access-control-request-headers'];
  ch.preflights.push({ endpoint, headers: typeof asked === 'string' ? asked : '', at: Math.round(performance.now() - ch.createdAt) });
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, POST',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
    'Access-Control-Max-Age': '600',
  });
  res.end();
  return true;
}
