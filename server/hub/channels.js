// A channel's state: its events (history, epochs, ids, resume points), its open
// connections, and the log of what it saw. Nothing here writes to the wire
// except through a connection's own `push`.

import { performance } from 'node:perf_hooks';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:stream').Duplex} Duplex */
/** @typedef {import('ws').WebSocket} WebSocket */
/** @typedef {import('./control-actions.js').Transport} Transport */
/** @typedef {import('./faults.js').RespondRule} RespondRule */

/**
 * @typedef {object} HubEvent
 * @property {number} seq  1, 2, 3… in publish order, per channel and epoch
 * @property {string} id   the event id on the wire (see idOf)
 * @property {string} data raw text, sent as is (may be malformed JSON on purpose)
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
 * @property {(events: HubEvent[]) => void} [push] takes newly published events;
 *   absent on a stalled connection, which never answers
 * @property {ServerResponse} [res]
 * @property {WebSocket} [ws]
 * @property {ReturnType<typeof setTimeout>} [timer] long poll timeout
 * @property {ReturnType<typeof setInterval>} [keepalive] SSE `:` comment timer
 */

/**
 * @typedef {object} Channel
 * @property {string} name
 * @property {number} createdAt performance.now() at creation
 * @property {HubEvent[]} events  bounded by historyLimit, oldest first
 * @property {number} historyLimit the hub's, until control `history` sets this channel's own
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
 * @property {{ type: string, ids: string[], at: number, status: number }[]} actions
 *   server actions received (POST actions), with the status each was answered with (0 = offline)
 * @property {{ status: number, retryAfter?: number }[]} actionAnswers the next answers to actions (control `actionAnswers`)
 * @property {(events: HubEvent[]) => void} [onPublish] told of every publish after the connections (the hub's Web Push)
 */

/** Sent first to a client whose cursor cannot be resumed (see resumePoint). */
export const resyncFrame = (/** @type {string} */ reason) => JSON.stringify({ type: 'resync', reason });

/** @param {string} name @param {number} historyLimit @returns {Channel} */
export function newChannel(name, historyLimit) {
  return {
    name,
    createdAt: performance.now(),
    events: [],
    historyLimit,
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
    actions: [],
    actionAnswers: [],
  };
}

// ---------------------------------------------------------------- events

/**
 * An event's id on the wire: its seq in the first epoch, `<epoch>:<seq>`
 * after a restart, so ids of different epochs never collide.
 * @param {Channel} ch @param {number} seq
 */
export function idOf(ch, seq) {
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
export function resumePoint(ch, raw, query) {
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
export function eventsAfter(ch, cursor) {
  const first = ch.events[0];
  if (!first) return [];
  // seqs are contiguous in the retained window, so index arithmetic is exact
  return ch.events.slice(Math.max(0, cursor + 1 - first.seq));
}

/** Appends events to the history and hands them to every open connection. @param {Channel} ch @param {string[]} datas */
export function publishEvents(ch, datas) {
  /** @type {HubEvent[]} */
  const added = [];
  for (const data of datas) {
    ch.lastSeq += 1;
    const event = { seq: ch.lastSeq, id: idOf(ch, ch.lastSeq), data };
    ch.events.push(event);
    added.push(event);
  }
  if (ch.events.length > ch.historyLimit) ch.events.splice(0, ch.events.length - ch.historyLimit);
  if (added.length === 0) return;
  for (const conn of [...ch.conns]) conn.push?.(added);
  ch.onPublish?.(added);
}

/** The sample notification `publish {count}` generates. @param {Channel} ch @param {number} seq */
export function generated(ch, seq) {
  return JSON.stringify({
    id: idOf(ch, seq),
    title: `Notification ${seq}`,
    body: `Body ${seq}`,
    createdAt: 1700000000000 + seq * 1000,
  });
}

/** A server restart that lost its state: new epoch, seq from 1, no history. @param {Channel} ch */
export function restart(ch) {
  destroyAll(ch);
  ch.epoch += 1;
  ch.events = [];
  ch.lastSeq = 0;
}

// ----------------------------------------------------------- connections

/** @param {Channel} ch @param {Conn} conn */
export function addConn(ch, conn) {
  ch.conns.add(conn);
  // Connections the hub already decided to cut are not counted: their socket's
  // close event may be processed after the client's next request under load.
  let live = 0;
  for (const c of ch.conns) if (!c.closing) live += 1;
  ch.maxOpen = Math.max(ch.maxOpen, live);
}

/** @param {Channel} ch @param {Conn} conn */
export function removeConn(ch, conn) {
  conn.closing = true;
  if (conn.timer) clearTimeout(conn.timer);
  if (conn.keepalive) clearInterval(conn.keepalive);
  ch.conns.delete(conn);
}

/** @param {Channel} ch */
export function destroyAll(ch) {
  for (const conn of [...ch.conns]) {
    removeConn(ch, conn);
    conn.socket.destroy();
  }
}

// ------------------------------------------------------------------- log

/**
 * @param {Channel} ch @param {Transport} transport @param {IncomingMessage} req
 * @param {URLSearchParams} query @param {number} status
 * @returns {LogEntry}
 */
export function record(ch, transport, req, query, status) {
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

/** The body of `GET <prefix><channel>/log`. @param {Channel} ch */
export function logOf(ch) {
  return {
    requests: ch.requests,
    preflights: ch.preflights,
    open: ch.conns.size,
    maxOpen: ch.maxOpen,
    received: ch.received,
    actions: ch.actions,
    lastSeq: ch.lastSeq,
  };
}
