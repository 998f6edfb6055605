// POST <prefix><channel>/control: one handler per action. The actions and
// their payloads are listed once, in control-actions.js; the map's type makes
// it handle exactly those, and each handler checks its fields, since the body
// is JSON from anyone.

import { destroyAll, generated, publishEvents, restart } from './channels.js';
import { closeWs, endSse, wsSend } from './faults.js';
import { readBody, sendJson } from './http.js';
import { startKeepalive } from './sse.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./control-actions.js').ActionName} ActionName */
/** @typedef {import('./control-actions.js').ControlActions} ControlActions */
/** @typedef {import('./control-actions.js').ControlResults} ControlResults */
/** @typedef {import('./control-actions.js').ControlResult} ControlResult */

/**
 * A payload's fields as they arrive: named, but not checked yet.
 * @template T @typedef {{ [K in keyof T]?: unknown }} Unchecked
 */

/**
 * @typedef {{ [A in ActionName]: (ch: Channel, body: Unchecked<ControlActions[A]>, channels: Map<string, Channel>) => ControlResults[A] }} Handlers
 */

/** @type {Handlers} */
const handlers = {
  actionAnswers(ch, body) {
    if (!Array.isArray(body.answers)) throw new Error('answers must be an array');
    ch.actionAnswers = body.answers.map((answer) => {
      const record = /** @type {{ status?: unknown, retryAfter?: unknown }} */ (typeof answer === 'object' && answer !== null ? answer : { status: answer });
      const status = Number(record.status);
      if (!Number.isInteger(status) || status < 200 || status > 599) throw new Error('each answer must be an HTTP status');
      const retryAfter = record.retryAfter === undefined ? undefined : Number(record.retryAfter);
      return retryAfter === undefined ? { status } : { status, retryAfter };
    });
    return {};
  },

  publish(ch, body) {
    /** @type {string[]} */
    const datas = [];
    const count = Number(body.count ?? 0);
    if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
    for (let i = 1; i <= count; i++) datas.push(generated(ch, ch.lastSeq + i));
    if (body.frames !== undefined) {
      if (!Array.isArray(body.frames)) throw new Error('frames must be an array');
      for (const frame of body.frames) datas.push(typeof frame === 'string' ? frame : JSON.stringify(frame));
    }
    publishEvents(ch, datas);
    return { lastSeq: ch.lastSeq };
  },

  respond(ch, body) {
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
    ch.rules.push({ status, headers, body: text, remaining: times, transports, stall: body.stall === true });
    return {};
  },

  cut(ch) {
    destroyAll(ch);
    return {};
  },

  cutAfter(ch, body) {
    const events = Number(body.events ?? 0);
    if (!Number.isInteger(events) || events < 0) throw new Error('events must be a non-negative integer');
    ch.cutAfter = { events, mode: body.mode === 'mid-frame' ? 'mid-frame' : 'end-of-frame' };
    return {};
  },

  closeWs(ch, body) {
    const code = Number(body.code ?? 1000);
    // codes a server may send; 1005 / 1006 only ever appear on the client side
    const sendable = (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
    if (!Number.isInteger(code) || !sendable) throw new Error(`close code ${body.code} cannot be sent`);
    return { closed: closeWs(ch, code, typeof body.reason === 'string' ? body.reason : undefined) };
  },

  retry(ch, body) {
    const ms = body.ms === null || body.ms === undefined ? null : Number(body.ms);
    if (ms !== null && (!Number.isInteger(ms) || ms < 0)) throw new Error('ms must be a non-negative integer');
    ch.retry = ms;
    return {};
  },

  end(ch) {
    return { ended: endSse(ch) };
  },

  history(ch, body) {
    const limit = Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
    // takes effect at the next publish
    ch.historyLimit = limit;
    return {};
  },

  keepalive(ch, body) {
    const ms = Number(body.ms ?? 0);
    if (!Number.isInteger(ms) || ms < 0) throw new Error('ms must be a non-negative integer');
    ch.keepaliveMs = ms;
    for (const conn of ch.conns) if (conn.transport === 'sse') startKeepalive(ch, conn);
    return {};
  },

  wsSend(ch, body) {
    const what =
      typeof body.binary === 'string'
        ? { binary: Buffer.from(body.binary, 'base64') }
        : typeof body.raw === 'string'
          ? { raw: Buffer.from(body.raw, 'base64') }
          : null;
    return { sent: wsSend(ch, what) };
  },

  cors(ch, body) {
    ch.corsCredentials = body.credentials === true;
    return {};
  },

  restart(ch) {
    restart(ch);
    return { epoch: ch.epoch };
  },

  reset(ch, _body, channels) {
    destroyAll(ch);
    channels.delete(ch.name);
    return {};
  },
};

/** @param {unknown} name @returns {name is ActionName} */
const isAction = (name) => typeof name === 'string' && Object.hasOwn(handlers, name);

/**
 * Runs one action on a channel. Throws on an unknown action or a bad field.
 * @param {Map<string, Channel>} channels @param {Channel} ch @param {object} body
 * @returns {ControlResult}
 */
export function control(channels, ch, body) {
  const action = 'action' in body ? body.action : undefined;
  if (!isAction(action)) throw new Error(`unknown action ${JSON.stringify(action)}`);
  return handlers[action](ch, body, channels);
}

/**
 * Reads the JSON body of `POST <prefix><channel>/control` and answers
 * `{ ok: true, ...result }`, or a 400 with `{ ok: false, error }`.
 * @param {Map<string, Channel>} channels @param {Channel} ch
 * @param {IncomingMessage} req @param {ServerResponse} res
 */
export async function handleControl(channels, ch, req, res) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(await readBody(req));
  } catch (error) {
    sendJson(res, 400, { ok: false, error: `control body must be JSON: ${String(error)}` });
    return;
  }
  try {
    const result = control(channels, ch, typeof parsed === 'object' && parsed !== null ? parsed : {});
    sendJson(res, 200, { ok: true, ...result });
  } catch (error) {
    sendJson(res, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}
