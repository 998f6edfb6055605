// Web Push, the sending half (demo and tests only: `web-push` is a devDependency).
// Each channel keeps the subscriptions its pages reported, per topic; every
// notification published on the channel is also sent, encrypted, to the
// endpoints subscribed to its topic (no topic: the `default` topic's).
//
//   GET  /hub/<c>/push/key          {"publicKey":"<VAPID public key, base64url>"}
//   POST /hub/<c>/push/subscribe    {subscription, topics} -> 204 (topics replace the earlier ones)
//   POST /hub/<c>/push/unsubscribe  {subscription} or {endpoint} -> 204
//   GET  /hub/<c>/push/log          {subscriptions: [{endpoint, topics}], sent: [SendEntry…]}
//
// A push service answering 404 or 410 means the subscription is gone: it is
// deleted. Push services take at most 4,096 bytes of encrypted body, which is
// 3,993 bytes of JSON: a larger notification goes out as
// `{ "type": "notification", id, title, … }` without body, data and actions
// (the page fetches the rest through history); one still too large is not sent.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import webpush from 'web-push';
import { readBody, sendJson } from './http.js';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./channels.js').Channel} Channel */
/** @typedef {import('./channels.js').HubEvent} HubEvent */
/** @typedef {{ endpoint: string, expirationTime?: number | null, keys: { p256dh: string, auth: string } }} Subscription */
/** @typedef {{ subscriptions: Map<string, { subscription: Subscription, topics: Set<string> }>, sent: SendEntry[] }} ChannelState */

/**
 * @typedef {object} WebPushOptions
 * @property {{ publicKey: string, privateKey: string }} [vapid] the keys; else read from `keyFile`
 * @property {string} [keyFile] where keys are kept: generated and written there on first start
 * @property {string} [subject] the VAPID `sub` claim (default `mailto:demo@notif-elements.invalid`)
 * @property {import('node:https').Agent} [agent] for the requests to push services (tests: one that trusts a local endpoint)
 * @property {number} [maxPayloadBytes] largest JSON sent (default 3993: a 4,096-byte body)
 * @property {number} [ttl] seconds a push service keeps an undelivered message (default 86400)
 * @property {(endpoint: string) => string} [route] where a subscription's endpoint is reached (tests: a local stand-in for the push service)
 */

/**
 * One send: to which endpoint, which notification, how it went.
 * @typedef {object} SendEntry
 * @property {string} endpoint
 * @property {string} id
 * @property {string} topic
 * @property {number} bytes   JSON bytes sent
 * @property {boolean} trimmed sent without body, data and actions (too large)
 * @property {number | null} status the push service's answer (null while pending, 0 on a network error)
 * @property {boolean} [deleted] the subscription was deleted (404/410)
 * @property {string} [error]
 */

/** The push services' limit is 4,096 bytes of body: 86 bytes of aes128gcm header, padding and tag around the JSON. */
export const MAX_PAYLOAD_BYTES = 3993;
const DEFAULT_SUBJECT = 'mailto:demo@notif-elements.invalid';
/** What a trimmed notification keeps: small fields only. */
const KEPT_WHEN_TRIMMED = ['id', 'title', 'createdAt', 'topic', 'priority', 'url', 'icon'];

/** @param {string | undefined} file @returns {{ publicKey: string, privateKey: string }} */
function loadKeys(file) {
  if (file && existsSync(file)) {
    const stored = /** @type {{ publicKey?: unknown, privateKey?: unknown }} */ (JSON.parse(readFileSync(file, 'utf8')));
    if (typeof stored.publicKey === 'string' && typeof stored.privateKey === 'string') return { publicKey: stored.publicKey, privateKey: stored.privateKey };
  }
  const keys = webpush.generateVAPIDKeys();
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  return keys;
}

/** @param {unknown} value @returns {value is Subscription} */
function isSubscription(value) {
  const s = /** @type {{ endpoint?: unknown, keys?: { p256dh?: unknown, auth?: unknown } }} */ (value);
  return (
    typeof s === 'object' && s !== null && typeof s.endpoint === 'string' && /^https:\/\//.test(s.endpoint) &&
    typeof s.keys === 'object' && s.keys !== null && typeof s.keys.p256dh === 'string' && typeof s.keys.auth === 'string'
  );
}

/**
 * The notifications in one published event (a notification, a `{type: 'notification'}`
 * command, or an array of them); other commands and malformed data are not pushed.
 * @param {string} data @returns {Record<string, unknown>[]}
 */
function notificationsIn(data) {
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(data);
  } catch {
    return [];
  }
  /** @type {Record<string, unknown>[]} */
  const found = [];
  for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
    if (typeof item !== 'object' || item === null) continue;
    const record = /** @type {Record<string, unknown>} */ (item);
    if (record.type !== undefined && record.type !== 'notification') continue;
    if ((typeof record.id === 'string' || typeof record.id === 'number') && typeof record.title === 'string') found.push(record);
  }
  return found;
}

/**
 * The JSON to push for one notification: as published when it fits, else trimmed; null when even that does not fit.
 * @param {Record<string, unknown>} notification @param {number} max
 * @returns {{ json: string, trimmed: boolean } | null}
 */
export function pushPayload(notification, max = MAX_PAYLOAD_BYTES) {
  const full = JSON.stringify({ ...notification, type: 'notification' });
  if (Buffer.byteLength(full) <= max) return { json: full, trimmed: false };
  /** @type {Record<string, unknown>} */
  const small = { type: 'notification' };
  for (const key of KEPT_WHEN_TRIMMED) if (notification[key] !== undefined) small[key] = notification[key];
  const json = JSON.stringify(small);
  return Buffer.byteLength(json) <= max ? { json, trimmed: true } : null;
}

/** @param {unknown} priority */
const urgencyOf = (priority) => (priority === 'urgent' || priority === 'high' ? 'high' : priority === 'low' ? 'low' : 'normal');

/** @param {WebPushOptions} options */
export function createWebPush(options) {
  const keys = options.vapid ?? loadKeys(options.keyFile);
  const vapidDetails = { subject: options.subject ?? DEFAULT_SUBJECT, publicKey: keys.publicKey, privateKey: keys.privateKey };
  const max = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  /** @type {WeakMap<Channel, ChannelState>} per channel (a reset channel is a new one) */
  const channels = new WeakMap();
  /** @type {Set<Promise<void>>} */
  const inFlight = new Set();

  /** @param {Channel} ch @returns {ChannelState} */
  const stateOf = (ch) => {
    let state = channels.get(ch);
    if (!state) channels.set(ch, (state = { subscriptions: new Map(), sent: [] }));
    return state;
  };

  /**
   * @param {ChannelState} state @param {Subscription} subscription
   * @param {Record<string, unknown>} notification @param {string} topic
   */
  function send(state, subscription, notification, topic) {
    const payload = pushPayload(notification, max);
    /** @type {SendEntry} */
    const entry = { endpoint: subscription.endpoint, id: String(notification.id), topic, bytes: 0, trimmed: false, status: null };
    state.sent.push(entry);
    if (!payload) {
      entry.status = 0;
      entry.error = 'too large even without body, data and actions';
      return;
    }
    entry.bytes = Buffer.byteLength(payload.json);
    entry.trimmed = payload.trimmed;
    const sending = webpush
      .sendNotification(options.route ? { ...subscription, endpoint: options.route(subscription.endpoint) } : subscription, payload.json, {
        vapidDetails,
        TTL: options.ttl ?? 86400,
        urgency: urgencyOf(notification.priority),
        ...(options.agent && { agent: options.agent }),
      })
      .then(
        (result) => {
          entry.status = result.statusCode;
        },
        (/** @type {unknown} */ error) => {
          const status = error instanceof webpush.WebPushError ? error.statusCode : 0;
          entry.status = status;
          entry.error = error instanceof Error ? error.message : String(error);
          // The push service says the subscription is gone: never send to it again.
          if (status === 404 || status === 410) {
            state.subscriptions.delete(subscription.endpoint);
            entry.deleted = true;
          }
        },
      )
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }

  return {
    publicKey: keys.publicKey,

    /**
     * Newly published events of a channel: each notification goes to the endpoints subscribed to its topic.
     * @param {Channel} ch @param {HubEvent[]} events
     */
    published(ch, events) {
      const state = channels.get(ch);
      if (!state?.subscriptions.size) return;
      for (const event of events) {
        for (const notification of notificationsIn(event.data)) {
          const topic = typeof notification.topic === 'string' && notification.topic ? notification.topic : 'default';
          for (const { subscription, topics } of [...state.subscriptions.values()]) {
            if (topics.has(topic)) send(state, subscription, notification, topic);
          }
        }
      }
    },

    /**
     * `<prefix><c>/push/<action>`; answers every request it is given.
     * @param {Channel} ch @param {string} action @param {IncomingMessage} req @param {ServerResponse} res
     */
    async handle(ch, action, req, res) {
      const state = stateOf(ch);
      if (action === 'key') return sendJson(res, 200, { publicKey: keys.publicKey });
      if (action === 'log') {
        const subscriptions = [...state.subscriptions.values()].map(({ subscription, topics }) => ({ endpoint: subscription.endpoint, topics: [...topics] }));
        return sendJson(res, 200, { subscriptions, sent: state.sent });
      }
      if (action !== 'subscribe' && action !== 'unsubscribe') return sendJson(res, 404, { ok: false, error: `unknown push endpoint "${action}"` });
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'POST a JSON body' });
      /** @type {{ subscription?: unknown, topics?: unknown, endpoint?: unknown }} */
      let body;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { ok: false, error: 'POST a JSON body' });
      }
      if (action === 'unsubscribe') {
        const endpoint = isSubscription(body.subscription) ? body.subscription.endpoint : body.endpoint;
        if (typeof endpoint === 'string') state.subscriptions.delete(endpoint);
        res.writeHead(204).end();
        return undefined;
      }
      if (!isSubscription(body.subscription)) return sendJson(res, 400, { ok: false, error: 'subscription must be a PushSubscription as JSON (https endpoint, keys.p256dh, keys.auth)' });
      const topics = Array.isArray(body.topics) ? body.topics.filter((topic) => typeof topic === 'string') : [];
      if (topics.length) state.subscriptions.set(body.subscription.endpoint, { subscription: body.subscription, topics: new Set(topics) });
      else state.subscriptions.delete(body.subscription.endpoint);
      res.writeHead(204).end();
      return undefined;
    },

    /** Resolves once every send started so far has its answer. */
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}

/** @typedef {ReturnType<typeof createWebPush>} WebPush */
