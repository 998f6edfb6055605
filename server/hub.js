// A real notification push server for tests and demos: Server-Sent Events,
// polling (short and long) and WebSocket, on plain Node `http` + `ws`.
//
// Every URL lives under `/hub/<channel>/...`. Channels are created on demand by
// name, so each test can use a fresh, isolated channel. Tests drive a channel
// over HTTP (`POST /hub/<c>/control`) and inspect it (`GET /hub/<c>/log`), so the
// same file serves the test runner (see hub-plugin.js) and a demo dev server.
// Nothing in here knows about the test runner.
//
// The fault injection (respond / cut / cutAfter / closeWs / end) exists so that
// the transports' error handling can be tested against real sockets instead of
// mocks: a `cut` really destroys the TCP connection, a `respond` really answers
// with that status, a malformed frame really reaches the parser.
//
// API (cursor = seq of the last event the client has; none = 0 = from the
// start, except with `live=1` where none = only new events):
//   GET  /hub/<c>/sse   cursor: Last-Event-ID header, else ?lastEventId.
//                       [`retry: <ms>`] `:ok`, then `id: <seq>` + `data:` lines per event.
//   GET  /hub/<c>/poll  ?lastEventId ?max=<n> ?long=1 ?timeoutMs=<ms, default 20000>
//                       -> {"items":[<raw data>,…],"eventId":"<last seq sent, else cursor>"}
//   WS   /hub/<c>/ws    ?lastEventId; one text frame per event (its data);
//                       client frames are logged; {"type":"ping"} -> {"type":"pong"}
//   POST /hub/<c>/control {action: publish|respond|cut|cutAfter|closeWs|retry|end|reset, …}
//   GET  /hub/<c>/log   {requests, open, maxOpen, received, lastSeq}
// The control actions are documented in `control()` below and typed in
// test/helpers/hub.ts.

import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:stream').Duplex} Duplex */
/** @typedef {import('ws').WebSocket} WebSocket */
/** @typedef {'sse' | 'poll' | 'ws'} Transport */

/**
 * @typedef {object} HubEvent
 * @property {number} seq  1, 2, 3… in publish order, per channel and epoch
 * @property {string} id   the event id on the wire (see idOf)
 * @property {string} data raw text, sent as is (may be malformed JSON on purpose)
 */

/**
 * A canned answer that replaces the next `remaining` stream requests.
 * @typedef {object} RespondRule
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {string} body
 * @property {number} remaining  -1 = until reset
 * @property {Transport[] | null} transports null = all
 */

/**
 * @typedef {object} LogEntry
 * @property {Transport} transport
 * @property {string | null} lastEventId  as received (header first, then query), unparsed
 * @property {{ authorization?: string, accept?: string, 'cache-control'?: string, cookie?: string, origin?: string }} headers
 * @property {Record<string, string>} query  the request's query parameters
 * @property {number} at      ms since the channel was created
 * @property {number} status  101 for an accepted WebSocket, 0 for a request refused as offline
 * @property {boolean} [offline] present (true) when refused because the client was marked offline
 */

/**
 * An open stream: an SSE response, a held long poll or a WebSocket.
 * @typedef {object} Conn
 * @property {Transport} transport
 * @property {Duplex} socket
 * @property {number} sent     events written on this connection (backlog + live)
 * @property {number} cursor   seq of the last event written
 * @property {boolean} closing set once we decided to end it; nothing more is written
 * @property {ServerResponse} [res]
 * @property {WebSocket} [ws]
 * @property {number} [max]    poll: max items per answer
 * @property {ReturnType<typeof setTimeout>} [timer] long poll timeout
 * @property {ReturnType<typeof setInterval>} [keepalive] SSE `:` comment timer
 */

/**
 * @typedef {object} Channel
 * @property {string} name
 * @property {number} createdAt performance.now() at creation
 * @property {HubEvent[]} events  bounded by historyLimit, oldest first
 * @property {number} [historyLimit] this channel's own bound (control `history`)
 * @property {number} lastSeq
 * @property {number} epoch  1 at creation; `restart` starts a new one (seq from 1 again)
 * @property {boolean} corsCredentials answer CORS for credentialed requests (control `cors`)
 * @property {number | null} retry SSE `retry:` to send at connect
 * @property {number} keepaliveMs SSE `:` comment every this many ms (0 = none; control `keepalive`)
 * @property {RespondRule[]} rules
 * @property {{ events: number, mode: 'end-of-frame' | 'mid-frame' }} cutAfter events 0 = off
 * @property {Set<Conn>} conns
 * @property {number} maxOpen
 * @property {LogEntry[]} requests
 * @property {{ endpoint: string, headers: string, at: number }[]} preflights CORS preflights (OPTIONS), with the headers they asked for
 * @property {string[]} received WebSocket text frames from clients
 */

/**
 * @typedef {object} HubOptions
 * @property {number} [historyLimit] events kept per channel (default 100000)
 * @property {string} [prefix] URL prefix (default '/hub/')
 * @property {number} [cutGraceMs] delay between flushing the last bytes and
 *   destroying the socket for `cutAfter` (default 50)
 * @property {(req: IncomingMessage) => boolean} [isOffline]
 *   When it returns true for a stream request (sse, poll, ws), the request
 *   fails in the browser like a network error (see refuseOffline) and is logged
 *   with status 0 and offline: true. Control and log requests are never
 *   refused. The test runner uses it to emulate a browser that is offline.
 */

/**
 * @typedef {object} Hub
 * @property {(...args: any[]) => unknown} middleware
 *   Koa style `(ctx, next)` (Web Dev Server / Web Test Runner) or connect style
 *   `(req, res, next)` (Vite, Express, plain http with next = 404).
 * @property {(req: IncomingMessage, socket: Duplex, head: Buffer) => boolean} handleUpgrade
 *   Call from the http server's 'upgrade' event; returns false (and leaves the
 *   socket alone) for paths outside the prefix, so other upgrade handlers work.
 * @property {() => void} close destroys every open connection and timer
 * @property {(channel: string, body: Record<string, unknown>) => unknown} control
 *   the control actions of `POST <prefix><channel>/control`, from the server side
 */

const DEFAULT_HISTORY_LIMIT = 100000;
/** Sent first to a client whose cursor cannot be resumed (see resumePoint). */
const resyncFrame = (/** @type {string} */ reason) => JSON.stringify({ type: 'resync', reason });
const DEFAULT_LONG_POLL_MS = 20000;
const MAX_CONTROL_BODY = 10 * 1024 * 1024;
const POLL_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
// Chrome drops the bytes of its last read when the connection closes in the
// middle of a chunked body: if the last events and the FIN arrive together,
// fetch() loses them (seen 15 times in 40). So a cut after writing waits until
// the bytes are flushed and then a little longer (10 ms was enough even with
// both cores busy) before destroying the socket.
const DEFAULT_CUT_GRACE_MS = 50;

/**
 * @param {HubOptions} [options]
 * @returns {Hub}
 */
export function createHub(options = {}) {
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const prefix = options.prefix ?? '/hub/';
  const isOffline = options.isOffline ?? (() => false);
  const cutGraceMs = options.cutGraceMs ?? DEFAULT_CUT_GRACE_MS;

  /** @param {Duplex} socket */
  function destroyLater(socket) {
    setTimeout(() => socket.destroy(), cutGraceMs).unref();
  }

  /** @type {Map<string, Channel>} */
  const channels = new Map();
  // noServer: we get upgrades handed over by whoever owns the http server, and
  // leave every other path (e.g. the dev server's own /wds socket) alone.
  const wss = new WebSocketServer({ noServer: true });

  /** @param {string} name @returns {Channel} */
  function getChannel(name) {
    let ch = channels.get(name);
    if (!ch) {
      ch = {
        name,
        createdAt: performance.now(),
        events: [],
        lastSeq: 0,
        epoch: 1,
        corsCredentials: false,
        keepaliveMs: 0,
        retry: null,
        rules: [],
        cutAfter: { events: 0, mode: 'end-of-frame' },
        conns: new Set(),
        maxOpen: 0,
        requests: [],
        preflights: [],
        received: [],
      };
      channels.set(name, ch);
    }
    return ch;
  }

  // ---------------------------------------------------------------- routing

  /**
   * @param {string | undefined} rawUrl
   * @returns {{ channel: string, endpoint: string, query: URLSearchParams } | null}
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
    if (!channel || rest.length > 0) return { channel: '', endpoint: '', query: url.searchParams };
    return { channel, endpoint, query: url.searchParams };
  }

  /**
   * @param {IncomingMessage} req
   * @param {ServerResponse} res
   * @returns {boolean} false when the path is not ours
   */
  function handleHttp(req, res) {
    const route = parse(req.url);
    if (!route) return false;
    const { channel, endpoint, query } = route;
    if (!channel) {
      sendJson(res, 404, { ok: false, error: `expected ${prefix}<channel>/<sse|poll|ws|control|log>` });
      return true;
    }
    const ch = getChannel(channel);
    const method = req.method ?? 'GET';
    // Any origin may read the hub: the fault proxy in front of it is another
    // origin (another port) than the page, and so is a demo on another host.
    const origin = req.headers.origin;
    if (ch.corsCredentials && typeof origin === 'string') {
      // credentialed CORS: `*` is not allowed, the origin must be echoed
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    } else res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    if (method === 'OPTIONS') {
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
    if (endpoint === 'control') {
      if (method !== 'POST') sendJson(res, 405, { ok: false, error: 'POST a JSON body' });
      else void handleControl(ch, req, res);
    } else if (endpoint === 'log') {
      sendJson(res, 200, logOf(ch));
    } else if (endpoint === 'sse' || endpoint === 'poll') {
      if (method !== 'GET') sendJson(res, 405, { ok: false, error: 'GET only' });
      else if (endpoint === 'sse') openSse(ch, req, res, query);
      else handlePoll(ch, req, res, query);
    } else {
      sendJson(res, 404, { ok: false, error: `unknown endpoint "${endpoint}"` });
    }
    return true;
  }

  /** @type {Hub['middleware']} */
  function middleware(a, b, c) {
    // Koa (Web Dev Server): (ctx, next). The response is written on the raw
    // node objects, so tell Koa to keep its hands off it.
    if (a && typeof a === 'object' && 'req' in a && 'res' in a && typeof b === 'function') {
      const ctx = a;
      if (!parse(ctx.req.url)) return b();
      // Koa's default status is 404; WTR reports 404s of the page's requests as
      // warnings after `await next()`, so make it look answered.
      ctx.status = 200;
      ctx.respond = false;
      handleHttp(ctx.req, ctx.res);
      return Promise.resolve();
    }
    // connect: (req, res, next)
    /** @type {IncomingMessage} */
    const req = a;
    /** @type {ServerResponse} */
    const res = b;
    if (handleHttp(req, res)) return undefined;
    if (typeof c === 'function') return c();
    sendJson(res, 404, { ok: false, error: 'not found' });
    return undefined;
  }

  // ---------------------------------------------------------- bookkeeping

  /**
   * Takes the next matching canned answer, if any.
   * @param {Channel} ch @param {Transport} transport
   * @returns {RespondRule | null}
   */
  function takeRule(ch, transport) {
    const rule = ch.rules.find((r) => r.remaining !== 0 && (!r.transports || r.transports.includes(transport)));
    if (!rule) return null;
    if (rule.remaining > 0) rule.remaining -= 1;
    ch.rules = ch.rules.filter((r) => r.remaining !== 0);
    return rule;
  }

  /**
   * @param {Channel} ch @param {Transport} transport @param {IncomingMessage} req
   * @param {URLSearchParams} query @param {number} status
   * @returns {LogEntry}
   */
  function record(ch, transport, req, query, status) {
    const h = req.headers;
    /** @type {LogEntry['headers']} */
    const headers = {};
    if (typeof h.authorization === 'string') headers.authorization = h.authorization;
    if (typeof h.accept === 'string') headers.accept = h.accept;
    if (typeof h['cache-control'] === 'string') headers['cache-control'] = h['cache-control'];
    if (typeof h.cookie === 'string') headers.cookie = h.cookie;
    if (typeof h.origin === 'string') headers.origin = h.origin;
    const header = h['last-event-id'];
    const lastEventId = typeof header === 'string' ? header : query.get('lastEventId');
    /** @type {LogEntry} */
    const entry = {
      transport,
      lastEventId,
      headers,
      query: Object.fromEntries(query),
      at: Math.round(performance.now() - ch.createdAt),
      status,
    };
    ch.requests.push(entry);
    return entry;
  }

  /** @param {Channel} ch @param {Conn} conn */
  function addConn(ch, conn) {
    ch.conns.add(conn);
    // Connections the hub already decided to cut are not counted: their socket's
    // close event may be processed after the client's next request under load.
    let live = 0;
    for (const c of ch.conns) if (!c.closing) live += 1;
    ch.maxOpen = Math.max(ch.maxOpen, live);
  }

  /** @param {Channel} ch @param {Conn} conn */
  function removeConn(ch, conn) {
    conn.closing = true;
    if (conn.timer) clearTimeout(conn.timer);
    if (conn.keepalive) clearInterval(conn.keepalive);
    ch.conns.delete(conn);
  }

  /**
   * An event's id on the wire: its seq in the first epoch, `<epoch>:<seq>`
   * after a restart, so ids of different epochs never collide.
   * @param {Channel} ch @param {number} seq
   */
  function idOf(ch, seq) {
    return ch.epoch === 1 ? String(seq) : `${ch.epoch}:${seq}`;
  }

  /**
   * Where to resume a client from, and whether it must be told to resync.
   * No cursor, or one that is not an event id = from the start (0), except
   * with live=1 where "no cursor" means "only new events". A cursor from
   * another epoch, one ahead of this server, or one older than the history
   * cannot be resumed without a hole: the client gets everything retained and
   * a resync first.
   * @param {Channel} ch @param {string | null} raw @param {URLSearchParams} query
   * @returns {{ cursor: number, resync: string | null }}
   */
  function resumePoint(ch, raw, query) {
    const match = raw === null ? null : /^(?:(\d+):)?(\d+)$/.exec(raw.trim());
    if (!match) return { cursor: query.get('live') === '1' ? ch.lastSeq : 0, resync: null };
    const epoch = match[1] === undefined ? 1 : Number(match[1]);
    const cursor = Number(match[2]);
    if (epoch !== ch.epoch) return { cursor: 0, resync: 'epoch-changed' };
    const first = ch.events[0];
    if (cursor > ch.lastSeq) return { cursor: 0, resync: 'epoch-changed' };
    if (cursor > 0 && first !== undefined && cursor + 1 < first.seq) return { cursor, resync: 'history-overflow' };
    return { cursor, resync: null };
  }

  /** Events with seq > cursor, oldest first. @param {Channel} ch @param {number} cursor */
  function eventsAfter(ch, cursor) {
    const first = ch.events[0];
    if (!first) return [];
    // seqs are contiguous in the retained window, so index arithmetic is exact
    return ch.events.slice(Math.max(0, cursor + 1 - first.seq));
  }

  /**
   * Makes the request fail in the browser like a network error: fetch rejects
   * with a TypeError, EventSource errors and retries, a WebSocket closes with
   * 1006 without opening.
   * Not by just destroying the socket: Chrome silently re-sends a request whose
   * reused keep-alive connection closes without an answer, so every refused
   * attempt would be logged twice (62 entries for 30 fetches). An answer with
   * two different Content-Length headers is a hard error on any port
   * (ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH) that Chrome does not retry.
   * @param {Channel} ch @param {Transport} transport @param {IncomingMessage} req
   * @param {URLSearchParams} query @param {Duplex} socket
   */
  function refuseOffline(ch, transport, req, query, socket) {
    record(ch, transport, req, query, 0).offline = true;
    socket.end('HTTP/1.1 503 Offline\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n');
  }

  /**
   * Writes a canned answer on an HTTP response.
   * @param {ServerResponse} res @param {RespondRule} rule
   */
  function writeRule(res, rule) {
    res.writeHead(rule.status, rule.headers);
    res.end(rule.body);
  }

  // ------------------------------------------------------------------- SSE

  /** @param {HubEvent} event */
  function sseFrame(event) {
    // one `data:` line per line of the payload, as the SSE format requires
    const data = event.data
      .split(/\r\n|\r|\n/)
      .map((line) => `data: ${line}\n`)
      .join('');
    return `id: ${event.id}\n${data}\n`;
  }

  /**
   * The HTTP stream endpoints' shared prologue: a page marked offline is refused,
   * a queued `respond` rule (a status, or a stall) answers instead of the stream.
   * Logs the request either way; returns whether it has been answered.
   * @param {Channel} ch @param {'sse' | 'poll'} transport @param {IncomingMessage} req
   * @param {ServerResponse} res @param {URLSearchParams} query
   */
  function answeredByFault(ch, transport, req, res, query) {
    if (isOffline(req)) {
      refuseOffline(ch, transport, req, query, req.socket);
      return true;
    }
    const rule = takeRule(ch, transport);
    record(ch, transport, req, query, rule ? rule.status : 200);
    if (!rule) return false;
    if (rule.stall) stall(ch, transport, req.socket);
    else writeRule(res, rule);
    return true;
  }

  /**
   * @param {Channel} ch @param {IncomingMessage} req @param {ServerResponse} res
   * @param {URLSearchParams} query
   */
  function openSse(ch, req, res, query) {
    if (answeredByFault(ch, 'sse', req, res, query)) return;
    const socket = req.socket;

    const header = req.headers['last-event-id'];
    const { cursor, resync } = resumePoint(ch, typeof header === 'string' ? header : query.get('lastEventId'), query);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      // in case a proxy ever sits in between (nginx buffers event streams)
      'X-Accel-Buffering': 'no',
    });
    /** @type {Conn} */
    const conn = { transport: 'sse', socket, res, sent: 0, cursor, closing: false };
    addConn(ch, conn);
    res.on('close', () => removeConn(ch, conn));
    startKeepalive(ch, conn);
    let head = '';
    if (ch.retry !== null) head += `retry: ${ch.retry}\n\n`;
    head += ':ok\n\n';
    if (resync) head += `data: ${resyncFrame(resync)}\n\n`;
    writeSse(ch, conn, head, eventsAfter(ch, cursor));
  }

  /** @param {Channel} ch @param {Conn} conn */
  function startKeepalive(ch, conn) {
    if (conn.keepalive) clearInterval(conn.keepalive);
    conn.keepalive = undefined;
    if (ch.keepaliveMs <= 0 || !conn.res) return;
    const res = conn.res;
    conn.keepalive = setInterval(() => {
      if (!conn.closing) res.write(':\n\n');
    }, ch.keepaliveMs);
  }

  /**
   * Writes events on an SSE connection, applying `cutAfter`. One res.write per
   * call keeps a large backlog cheap, and lets us destroy the socket only once
   * everything before the cut point has been flushed to the kernel.
   * @param {Channel} ch @param {Conn} conn @param {string} prefixText
   * @param {HubEvent[]} events
   */
  function writeSse(ch, conn, prefixText, events) {
    const res = conn.res;
    if (!res || conn.closing) return;
    const { events: limit, mode } = ch.cutAfter;
    /** @type {Buffer[]} */
    const parts = [Buffer.from(prefixText)];
    let cut = false;
    for (const event of events) {
      const frame = Buffer.from(sseFrame(event));
      if (limit > 0 && conn.sent >= limit) {
        // mid-frame: the client sees half an event, then the connection drops
        if (mode === 'mid-frame') parts.push(frame.subarray(0, Math.floor(frame.length / 2)));
        cut = true;
        break;
      }
      parts.push(frame);
      conn.sent += 1;
      conn.cursor = event.seq;
      if (limit > 0 && conn.sent >= limit && mode !== 'mid-frame') {
        cut = true;
        break;
      }
    }
    const chunk = Buffer.concat(parts);
    if (!cut) {
      if (chunk.length > 0) res.write(chunk);
      return;
    }
    conn.closing = true;
    if (chunk.length > 0) res.write(chunk, () => destroyLater(conn.socket));
    else conn.socket.destroy();
  }

  // ------------------------------------------------------------------ poll

  /**
   * @param {Channel} ch @param {IncomingMessage} req @param {ServerResponse} res
   * @param {URLSearchParams} query
   */
  function handlePoll(ch, req, res, query) {
    if (answeredByFault(ch, 'poll', req, res, query)) return;
    const socket = req.socket;

    const { cursor, resync } = resumePoint(ch, query.get('lastEventId'), query);
    const maxRaw = query.get('max');
    const max = maxRaw !== null && /^\d+$/.test(maxRaw) && Number(maxRaw) > 0 ? Number(maxRaw) : Infinity;
    const pending = eventsAfter(ch, cursor);
    if (pending.length > 0 || resync || query.get('long') !== '1') {
      answerPoll(ch, res, pending.slice(0, max), cursor, resync);
      return;
    }
    // Long poll: hold until something is published or the timeout elapses.
    // The headers go out now: Chrome silently re-sends a request whose reused
    // keep-alive connection drops before any answer, so without them a `cut`
    // of a held poll would be invisible to the client.
    res.writeHead(200, POLL_HEADERS);
    res.flushHeaders();
    const timeoutRaw = query.get('timeoutMs');
    const timeoutMs = timeoutRaw !== null && /^\d+$/.test(timeoutRaw) ? Number(timeoutRaw) : DEFAULT_LONG_POLL_MS;
    /** @type {Conn} */
    const conn = { transport: 'poll', socket, res, sent: 0, cursor, closing: false, max };
    addConn(ch, conn);
    res.on('close', () => removeConn(ch, conn));
    conn.timer = setTimeout(() => {
      removeConn(ch, conn);
      answerPoll(ch, res, [], cursor);
    }, timeoutMs);
  }

  /**
   * The body is built by concatenation, not JSON.stringify of parsed items, so
   * that a malformed frame makes the whole body malformed, as it would be from
   * a buggy backend.
   * @param {Channel} ch @param {ServerResponse} res @param {HubEvent[]} items
   * @param {number} cursor @param {string | null} [resync] a reason to send a resync first
   */
  function answerPoll(ch, res, items, cursor, resync = null) {
    const last = items.length > 0 ? items[items.length - 1]?.seq ?? cursor : cursor;
    const datas = items.map((e) => e.data);
    if (resync) datas.unshift(resyncFrame(resync));
    const body = `{"items":[${datas.join(',')}],"eventId":"${idOf(ch, last)}"}`;
    if (!res.headersSent) res.writeHead(200, POLL_HEADERS);
    res.end(body);
  }

  // ------------------------------------------------------------- WebSocket

  /** @type {Hub['handleUpgrade']} */
  function handleUpgrade(req, socket, head) {
    const route = parse(req.url);
    if (!route) return false;
    const { channel, endpoint, query } = route;
    if (!channel || endpoint !== 'ws') {
      writeRawHttp(socket, 404, { 'Content-Type': 'text/plain' }, 'not a hub WebSocket endpoint');
      return true;
    }
    const ch = getChannel(channel);
    if (isOffline(req)) {
      refuseOffline(ch, 'ws', req, query, socket);
      return true;
    }
    const rule = takeRule(ch, 'ws');
    if (rule) {
      record(ch, 'ws', req, query, rule.status);
      if (rule.stall) return stall(ch, 'ws', socket);
      writeRawHttp(socket, rule.status, rule.headers, rule.body);
      return true;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      record(ch, 'ws', req, query, 101);
      openWs(ch, ws, socket, resumePoint(ch, query.get('lastEventId'), query));
    });
    return true;
  }

  /**
   * An HTTP answer written straight on the socket, for refused upgrades.
   * @param {Duplex} socket @param {number} status
   * @param {Record<string, string>} headers @param {string} body
   */
  function writeRawHttp(socket, status, headers, body) {
    const all = { ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' };
    const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`);
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n${lines.join('')}\r\n${body}`);
  }

  /**
   * @param {Channel} ch @param {WebSocket} ws @param {Duplex} socket
   * @param {{ cursor: number, resync: string | null }} from
   */
  function openWs(ch, ws, socket, { cursor, resync }) {
    /** @type {Conn} */
    const conn = { transport: 'ws', socket, ws, sent: 0, cursor, closing: false };
    addConn(ch, conn);
    ws.on('close', () => removeConn(ch, conn));
    ws.on('error', () => removeConn(ch, conn));
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      const text = raw.toString();
      ch.received.push(text);
      try {
        if (JSON.parse(text)?.type === 'ping') ws.send('{"type":"pong"}');
      } catch {
        // not JSON: recorded, nothing to answer
      }
    });
    if (resync) ws.send(resyncFrame(resync));
    writeWs(ch, conn, eventsAfter(ch, cursor));
  }

  /**
   * One text frame per event, exactly the event's data. `cutAfter` applies
   * (its mid-frame mode is SSE only: a WebSocket frame cannot be half sent in
   * a way the browser would surface).
   * @param {Channel} ch @param {Conn} conn @param {HubEvent[]} events
   */
  function writeWs(ch, conn, events) {
    const ws = conn.ws;
    if (!ws || conn.closing || ws.readyState !== ws.OPEN) return;
    const limit = ch.cutAfter.events;
    for (const event of events) {
      if (limit > 0 && conn.sent >= limit) {
        conn.closing = true;
        ws.terminate();
        return;
      }
      conn.sent += 1;
      conn.cursor = event.seq;
      if (limit > 0 && conn.sent >= limit) {
        conn.closing = true;
        // no close frame: the browser sees 1006
        ws.send(event.data, () => destroyLater(conn.socket));
        return;
      }
      ws.send(event.data);
    }
  }

  // --------------------------------------------------------------- publish

  /** @param {Channel} ch @param {string[]} datas */
  function publish(ch, datas) {
    /** @type {HubEvent[]} */
    const added = [];
    for (const data of datas) {
      ch.lastSeq += 1;
      const event = { seq: ch.lastSeq, id: idOf(ch, ch.lastSeq), data };
      ch.events.push(event);
      added.push(event);
    }
    const limit = ch.historyLimit ?? historyLimit;
    if (ch.events.length > limit) ch.events.splice(0, ch.events.length - limit);
    if (added.length === 0) return;
    for (const conn of [...ch.conns]) {
      if (conn.transport === 'sse') writeSse(ch, conn, '', added);
      else if (conn.transport === 'ws') writeWs(ch, conn, added);
      else if (conn.res) {
        // a held long poll answers with everything after its cursor
        removeConn(ch, conn);
        answerPoll(ch, conn.res, eventsAfter(ch, conn.cursor).slice(0, conn.max), conn.cursor);
      }
    }
  }

  /** @param {Channel} ch @param {number} seq */
  function generated(ch, seq) {
    return JSON.stringify({
      id: idOf(ch, seq),
      title: `Notification ${seq}`,
      body: `Body ${seq}`,
      createdAt: 1700000000000 + seq * 1000,
    });
  }

  // --------------------------------------------------------------- control

  /** @param {Channel} ch */
  function destroyAll(ch) {
    for (const conn of [...ch.conns]) {
      removeConn(ch, conn);
      conn.socket.destroy();
    }
  }

  /**
   * Accepts the connection and never answers (a server that hangs before its
   * headers or its 101): the client's connect timeout is what must end it.
   * @param {Channel} ch @param {Transport} transport @param {Duplex} socket
   */
  function stall(ch, transport, socket) {
    /** @type {Conn} */
    const conn = { transport, socket, sent: 0, cursor: 0, closing: false };
    addConn(ch, conn);
    socket.on('close', () => removeConn(ch, conn));
    return true;
  }

  /**
   * @param {Channel} ch @param {IncomingMessage} req @param {ServerResponse} res
   */
  async function handleControl(ch, req, res) {
    /** @type {any} */
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      sendJson(res, 400, { ok: false, error: `control body must be JSON: ${String(error)}` });
      return;
    }
    try {
      const result = control(ch, body ?? {});
      sendJson(res, 200, { ok: true, ...result });
    } catch (error) {
      sendJson(res, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /**
   * - publish {count?, frames?}: count generated notifications, then frames
   *   (objects are JSON.stringified, strings sent raw). -> {lastSeq}
   * - respond {status, headers?, body?, times? = 1 (-1 = until reset),
   *   transports? = all}: the next `times` sse/poll requests or ws upgrades
   *   get this HTTP answer instead of the stream (an object body is sent as JSON).
   * - cut: destroy every open sse / held poll / ws connection now.
   * - cutAfter {events, mode?}: each sse/ws connection is destroyed right after
   *   writing `events` events (0 = off); mode 'mid-frame' (sse) writes half of
   *   the next event first. Persistent until reset.
   * - closeWs {code, reason?}: close frames on open WebSockets. -> {closed}
   * - retry {ms | null}: SSE `retry:` sent at connect.
   * - end: end open SSE responses cleanly. -> {ended}
   * - keepalive {ms}: SSE connections get a `:` comment every ms (0 = off).
   * - wsSend {binary | raw}: a binary frame, or raw socket bytes (base64), to open WebSockets. -> {sent}
   * - cors {credentials}: echo the Origin and allow credentials (cookies) cross-origin.
   * - restart: destroy connections, start a new epoch (ids `<epoch>:<seq>`,
   *   seq from 1) with an empty history; older cursors get a resync. -> {epoch}
   * - reset: destroy connections and forget the channel (seq restarts at 1).
   * @param {Channel} ch @param {any} body
   * @returns {Record<string, unknown>}
   */
  function control(ch, body) {
    switch (body.action) {
      case 'publish': {
        /** @type {string[]} */
        const datas = [];
        const count = Number(body.count ?? 0);
        if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
        for (let i = 1; i <= count; i++) datas.push(generated(ch, ch.lastSeq + i));
        if (body.frames !== undefined) {
          if (!Array.isArray(body.frames)) throw new Error('frames must be an array');
          for (const frame of body.frames) datas.push(typeof frame === 'string' ? frame : JSON.stringify(frame));
        }
        publish(ch, datas);
        return { lastSeq: ch.lastSeq };
      }
      case 'respond': {
        const status = Number(body.status);
        if (!Number.isInteger(status) || status < 100 || status > 999) throw new Error('status must be an HTTP status');
        /** @type {Record<string, string>} */
        const headers = {};
        for (const [k, v] of Object.entries(body.headers ?? {})) headers[k] = String(v);
        let text = '';
        if (typeof body.body === 'string') text = body.body;
        else if (body.body !== undefined && body.body !== null) {
          text = JSON.stringify(body.body);
          if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
            headers['Content-Type'] = 'application/json';
          }
        }
        const times = body.times === undefined ? 1 : Number(body.times);
        if (!Number.isInteger(times) || times < -1) throw new Error('times must be an integer >= -1');
        const transports = Array.isArray(body.transports) ? body.transports : null;
        // `stall: true`: accept and never answer (for connect timeouts); status is only logged.
        ch.rules.push({ status, headers, body: text, remaining: times, transports, stall: body.stall === true });
        return {};
      }
      case 'cut':
        destroyAll(ch);
        return {};
      case 'cutAfter': {
        const events = Number(body.events ?? 0);
        if (!Number.isInteger(events) || events < 0) throw new Error('events must be a non-negative integer');
        ch.cutAfter = { events, mode: body.mode === 'mid-frame' ? 'mid-frame' : 'end-of-frame' };
        return {};
      }
      case 'closeWs': {
        const code = Number(body.code ?? 1000);
        // codes a server may send; 1005 / 1006 only ever appear on the client side
        const sendable = (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
        if (!Number.isInteger(code) || !sendable) throw new Error(`close code ${body.code} cannot be sent`);
        let closed = 0;
        for (const conn of [...ch.conns]) {
          if (conn.transport !== 'ws' || !conn.ws) continue;
          conn.closing = true;
          conn.ws.close(code, typeof body.reason === 'string' ? body.reason : undefined);
          closed += 1;
        }
        return { closed };
      }
      case 'retry': {
        const ms = body.ms === null || body.ms === undefined ? null : Number(body.ms);
        if (ms !== null && (!Number.isInteger(ms) || ms < 0)) throw new Error('ms must be a non-negative integer');
        ch.retry = ms;
        return {};
      }
      case 'end': {
        let ended = 0;
        for (const conn of [...ch.conns]) {
          if (conn.transport !== 'sse' || !conn.res) continue;
          removeConn(ch, conn);
          conn.res.end();
          ended += 1;
        }
        return { ended };
      }
      case 'history': {
        const limit = Number(body.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
        ch.historyLimit = limit;
        return {};
      }
      case 'keepalive': {
        const ms = Number(body.ms ?? 0);
        if (!Number.isInteger(ms) || ms < 0) throw new Error('ms must be a non-negative integer');
        ch.keepaliveMs = ms;
        for (const conn of ch.conns) if (conn.transport === 'sse') startKeepalive(ch, conn);
        return {};
      }
      case 'wsSend': {
        // Straight to the open WebSockets, outside the history: a binary frame, or raw
        // bytes written on the socket (a hand-built frame, e.g. text with invalid UTF-8).
        let sent = 0;
        for (const conn of ch.conns) {
          if (conn.transport !== 'ws' || !conn.ws || conn.closing) continue;
          if (typeof body.binary === 'string') conn.ws.send(Buffer.from(body.binary, 'base64'), { binary: true });
          else if (typeof body.raw === 'string') conn.socket.write(Buffer.from(body.raw, 'base64'));
          else throw new Error('wsSend needs binary or raw (base64)');
          sent += 1;
        }
        return { sent };
      }
      case 'cors':
        ch.corsCredentials = body.credentials === true;
        return {};
      case 'restart':
        // a server restart that lost its state: new epoch, seq from 1, no history
        destroyAll(ch);
        ch.epoch += 1;
        ch.events = [];
        ch.lastSeq = 0;
        return { epoch: ch.epoch };
      case 'reset':
        destroyAll(ch);
        channels.delete(ch.name);
        return {};
      default:
        throw new Error(`unknown action ${JSON.stringify(body.action)}`);
    }
  }

  /** @param {Channel} ch */
  function logOf(ch) {
    return {
      requests: ch.requests,
      preflights: ch.preflights,
      open: ch.conns.size,
      maxOpen: ch.maxOpen,
      received: ch.received,
      lastSeq: ch.lastSeq,
    };
  }

  function close() {
    for (const ch of channels.values()) destroyAll(ch);
    channels.clear();
    wss.close();
  }

  /**
   * Runs a control action (the body of `POST <prefix><channel>/control`) from
   * the server side, e.g. a demo's own generator.
   * @param {string} name
   * @param {Record<string, unknown>} body
   */
  function controlChannel(name, body) {
    return control(getChannel(name), body);
  }

  return { middleware, handleUpgrade, close, control: controlChannel };
}

// ----------------------------------------------------------------- helpers

/**
 * @param {ServerResponse} res @param {number} status @param {unknown} value
 */
function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body);
}

/** @param {IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8') || '{}'));
    req.on('error', reject);
  });
}
