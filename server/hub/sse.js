// GET <prefix><channel>/sse: an event stream with resume (Last-Event-ID),
// `retry:`, keep-alive comments, and `cutAfter` applied as events are written.

import { addConn, eventsAfter, removeConn, resumePoint, resyncFrame } from './channels.js';
import { answeredByFault, destroyLater } from './faults.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./channels.js').Conn} Conn */
/** @typedef {import('./channels.js').HubEvent} HubEvent */
/** @typedef {import('./faults.js').FaultOptions} FaultOptions */

/**
 * @param {FaultOptions} faults @param {Channel} ch @param {IncomingMessage} req
 * @param {ServerResponse} res @param {URLSearchParams} query
 */
export function openSse(faults, ch, req, res, query) {
  if (answeredByFault(faults, ch, 'sse', req, res, query)) return;
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
  conn.push = (events) => writeSse(faults, ch, conn, '', events);
  addConn(ch, conn);
  res.on('close', () => removeConn(ch, conn));
  startKeepalive(ch, conn);
  let head = '';
  if (ch.retry !== null) head += `retry: ${ch.retry}\n\n`;
  head += ':ok\n\n';
  if (resync) head += `data: ${resyncFrame(resync)}\n\n`;
  writeSse(faults, ch, conn, head, eventsAfter(ch, cursor));
}

/** (Re)starts the `:` comments at the channel's current `keepaliveMs`. @param {Channel} ch @param {Conn} conn */
export function startKeepalive(ch, conn) {
  if (conn.keepalive) clearInterval(conn.keepalive);
  conn.keepalive = undefined;
  if (ch.keepaliveMs <= 0 || !conn.res) return;
  const res = conn.res;
  conn.keepalive = setInterval(() => {
    if (!conn.closing) res.write(':\n\n');
  }, ch.keepaliveMs);
}

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
 * Writes events on an SSE connection, applying `cutAfter`. One res.write per
 * call keeps a large backlog cheap, and lets us destroy the socket only once
 * everything before the cut point has been flushed to the kernel.
 * @param {FaultOptions} faults @param {Channel} ch @param {Conn} conn
 * @param {string} prefixText @param {HubEvent[]} events
 */
function writeSse(faults, ch, conn, prefixText, events) {
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
  if (chunk.length > 0) res.write(chunk, () => destroyLater(faults, conn.socket));
  else conn.socket.destroy();
}
