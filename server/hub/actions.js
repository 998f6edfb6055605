// POST <prefix><channel>/actions: the app's server actions (what a person read or
// archived), as `httpActions()` sends them: { type: 'read' | 'read-all' | 'archive', ids? }.
// Each is logged; the answer is 204 unless control `actionAnswers` queued others
// (a 503, a 429 with Retry-After, a 400 refusal), and a page marked offline gets a
// network error, so the outbox can be tested against a real endpoint.

import { readBody, sendJson } from './http.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./faults.js').FaultOptions} FaultOptions */

/**
 * @param {FaultOptions} faults @param {Channel} ch
 * @param {IncomingMessage} req @param {ServerResponse} res
 */
export async function handleAction(faults, ch, req, res) {
  const at = Math.round(performance.now() - ch.createdAt);
  if (faults.isOffline(req)) {
    ch.actions.push({ type: 'offline', ids: [], at, status: 0 });
    req.socket.destroy();
    return;
  }
  /** @type {unknown} */
  let body;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    sendJson(res, 400, { ok: false, error: 'POST a JSON body' });
    return;
  }
  const record = /** @type {{ type?: unknown, ids?: unknown }} */ (typeof body === 'object' && body !== null ? body : {});
  const type = typeof record.type === 'string' ? record.type : '';
  const ids = Array.isArray(record.ids) ? record.ids.filter((id) => typeof id === 'string') : [];
  const answer = ch.actionAnswers.shift() ?? { status: 204 };
  ch.actions.push({ type, ids, at, status: answer.status });
  /** @type {Record<string, string>} */
  const headers = answer.retryAfter === undefined ? {} : { 'Retry-After': String(answer.retryAfter) };
  res.writeHead(answer.status, headers);
  res.end();
}
