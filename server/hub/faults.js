// The faults the hub injects on real sockets, so the transports' error
// handling is tested against the network instead of mocks: canned answers and
// stalls (`respond`), a page refused as offline, cuts that wait for the last
// bytes to be flushed, close frames, clean ends and raw WebSocket bytes.
// `cutAfter` is applied where the events are written (sse.js, ws.js).

import { addConn, record, removeConn } from './channels.js';
import { writeRawHttp } from './http.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('node:stream').Duplex} Duplex */
/** @typedef {import('./control-actions.js').Transport} Transport */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./channels.js').Conn} Conn */

/**
 * A canned answer that replaces the next `remaining` stream requests.
 * @typedef {object} RespondRule
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {string} body
 * @property {number} remaining  -1 = until reset
 * @property {Transport[] | null} transports null = all
 * @property {boolean} stall accept the connection and never answer; status is only logged
 */

/**
 * @typedef {object} FaultOptions
 * @property {(req: IncomingMessage) => boolean} isOffline see HubOptions
 * @property {number} cutGraceMs see HubOptions and destroyLater
 */

/**
 * Destroys a socket a little after its last bytes were flushed.
 * Chrome drops the bytes of its last read when the connection closes in the
 * middle of a chunked body: if the last events and the FIN arrive together,
 * fetch() loses them (seen 15 times in 40). So a cut after writing waits until
 * the bytes are flushed and then a little longer (10 ms was enough even with
 * both cores busy) before destroying the socket.
 * @param {FaultOptions} faults @param {Duplex} socket
 */
export function destroyLater(faults, socket) {
  setTimeout(() => socket.destroy(), faults.cutGraceMs).unref();
}

/**
 * Takes the next matching canned answer, if any.
 * @param {Channel} ch @param {Transport} transport
 * @returns {RespondRule | null}
 */
export function takeRule(ch, transport) {
  const rule = ch.rules.find((r) => r.remaining !== 0 && (!r.transports || r.transports.includes(transport)));
  if (!rule) return null;
  if (rule.remaining > 0) rule.remaining -= 1;
  ch.rules = ch.rules.filter((r) => r.remaining !== 0);
  return rule;
}

/**
 * The HTTP stream endpoints' shared prologue: a page marked offline is refused,
 * a queued `respond` rule (a status, or a stall) answers instead of the stream.
 * Logs the request either way; returns whether it has been answered.
 * @param {FaultOptions} faults @param {Channel} ch @param {'sse' | 'poll'} transport
 * @param {IncomingMessage} req @param {ServerResponse} res @param {URLSearchParams} query
 */
export function answeredByFault(faults, ch, transport, req, res, query) {
  if (faults.isOffline(req)) {
    refuseOffline(ch, transport, req, query, req.socket);
    return true;
  }
  const rule = takeRule(ch, transport);
  record(ch, transport, req, query, rule ? rule.status : 200);
  if (!rule) return false;
  if (rule.stall) stall(ch, transport, req.socket);
  else {
    res.writeHead(rule.status, rule.headers);
    res.end(rule.body);
  }
  return true;
}

/**
 * The WebSocket upgrade's prologue, as answeredByFault is the HTTP one: the
 * answers are written straight on the socket.
 * @param {FaultOptions} faults @param {Channel} ch @param {IncomingMessage} req
 * @param {URLSearchParams} query @param {Duplex} socket
 */
export function upgradeAnsweredByFault(faults, ch, req, query, socket) {
  if (faults.isOffline(req)) {
    refuseOffline(ch, 'ws', req, query, socket);
    return true;
  }
  const rule = takeRule(ch, 'ws');
  if (!rule) return false;
  record(ch, 'ws', req, query, rule.status);
  if (rule.stall) stall(ch, 'ws', socket);
  else writeRawHttp(socket, rule.status, rule.headers, rule.body);
  return true;
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
 * Accepts the connection and never answers (a server that hangs before its
 * headers or its 101): the client's connect timeout is what must end it.
 * @param {Channel} ch @param {Transport} transport @param {Duplex} socket
 */
function stall(ch, transport, socket) {
  /** @type {Conn} */
  const conn = { transport, socket, sent: 0, cursor: 0, closing: false };
  addConn(ch, conn);
  socket.on('close', () => removeConn(ch, conn));
}

/** Close frames on the open WebSockets. @param {Channel} ch @param {number} code @param {string | undefined} reason */
export function closeWs(ch, code, reason) {
  let closed = 0;
  for (const conn of [...ch.conns]) {
    if (conn.transport !== 'ws' || !conn.ws) continue;
    conn.closing = true;
    conn.ws.close(code, reason);
    closed += 1;
  }
  return closed;
}

/** Ends the open SSE responses cleanly. @param {Channel} ch */
export function endSse(ch) {
  let ended = 0;
  for (const conn of [...ch.conns]) {
    if (conn.transport !== 'sse' || !conn.res) continue;
    removeConn(ch, conn);
    conn.res.end();
    ended += 1;
  }
  return ended;
}

/**
 * Straight to the open WebSockets, outside the history: a binary frame, or
 * raw bytes written on the socket (a hand-built frame).
 * Nothing to send is an error only when there is a WebSocket to send it to,
 * as it always was (the hub's answers are kept exactly).
 * @param {Channel} ch @param {{ binary: Buffer } | { raw: Buffer } | null} what
 */
export function wsSend(ch, what) {
  let sent = 0;
  for (const conn of ch.conns) {
    if (conn.transport !== 'ws' || !conn.ws || conn.closing) continue;
    if (!what) throw new Error('wsSend needs binary or raw (base64)');
    if ('binary' in what) conn.ws.send(what.binary, { binary: true });
    else conn.socket.write(what.raw);
    sent += 1;
  }
  return sent;
}
