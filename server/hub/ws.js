// WS <prefix><channel>/ws: one text frame per event, resume with ?lastEventId,
// client frames logged, {"type":"ping"} answered with {"type":"pong"}.

import { addConn, eventsAfter, record, removeConn, resumePoint, resyncFrame } from './channels.js';
import { destroyLater, upgradeAnsweredByFault } from './faults.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:stream').Duplex} Duplex */
/** @typedef {import('ws').WebSocket} WebSocket */
/** @typedef {import('ws').WebSocketServer} WebSocketServer */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./channels.js').Conn} Conn */
/** @typedef {import('./channels.js').HubEvent} HubEvent */
/** @typedef {import('./faults.js').FaultOptions} FaultOptions */

/**
 * @param {WebSocketServer} wss @param {FaultOptions} faults @param {Channel} ch
 * @param {IncomingMessage} req @param {Duplex} socket @param {Buffer} head
 * @param {URLSearchParams} query
 */
export function upgradeWs(wss, faults, ch, req, socket, head, query) {
  if (upgradeAnsweredByFault(faults, ch, req, query, socket)) return;
  wss.handleUpgrade(req, socket, head, (ws) => {
    record(ch, 'ws', req, query, 101);
    openWs(faults, ch, ws, socket, resumePoint(ch, query.get('lastEventId'), query));
  });
}

/**
 * @param {FaultOptions} faults @param {Channel} ch @param {WebSocket} ws @param {Duplex} socket
 * @param {{ cursor: number, resync: string | null }} from
 */
function openWs(faults, ch, ws, socket, { cursor, resync }) {
  /** @type {Conn} */
  const conn = { transport: 'ws', socket, ws, sent: 0, cursor, closing: false };
  conn.push = (events) => writeWs(faults, ch, conn, events);
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
  writeWs(faults, ch, conn, eventsAfter(ch, cursor));
}

/**
 * One text frame per event, exactly the event's data. `cutAfter` applies
 * (its mid-frame mode is SSE only: a WebSocket frame cannot be half sent in
 * a way the browser would surface).
 * @param {FaultOptions} faults @param {Channel} ch @param {Conn} conn @param {HubEvent[]} events
 */
function writeWs(faults, ch, conn, events) {
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
      ws.send(event.data, () => destroyLater(faults, conn.socket));
      return;
    }
    ws.send(event.data);
  }
}
