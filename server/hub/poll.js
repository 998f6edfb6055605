// GET <prefix><channel>/poll: short and long polling with a cursor.

import { addConn, eventsAfter, idOf, removeConn, resumePoint, resyncFrame } from './channels.js';
import { answeredByFault } from './faults.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./channels.js').Conn} Conn */
/** @typedef {import('./channels.js').HubEvent} HubEvent */
/** @typedef {import('./faults.js').FaultOptions} FaultOptions */

const DEFAULT_LONG_POLL_MS = 20000;
const POLL_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

/**
 * @param {FaultOptions} faults @param {Channel} ch @param {IncomingMessage} req
 * @param {ServerResponse} res @param {URLSearchParams} query
 */
export function handlePoll(faults, ch, req, res, query) {
  if (answeredByFault(faults, ch, 'poll', req, res, query)) return;
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
  const conn = { transport: 'poll', socket, res, sent: 0, cursor, closing: false };
  // a held long poll answers with everything after its cursor
  conn.push = () => {
    removeConn(ch, conn);
    answerPoll(ch, res, eventsAfter(ch, cursor).slice(0, max), cursor);
  };
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
