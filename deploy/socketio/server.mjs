// One socket.io node of a notif-elements push tier: any number of these share
// one Redis through @socket.io/redis-adapter, so a notification published on
// any node reaches the person's sockets on every node. Each person's last
// messages are also kept in Redis with a sequence number, so a client that
// reconnects (to any node) sends the last number it has and gets exactly what
// it missed, or is told that it missed more than was kept.
//
//   REDIS_URL=redis://127.0.0.1:6379 PORT=3001 ALLOW_ORIGIN=https://app.example node deploy/socketio/server.mjs
//
// README.md beside this file explains the protocol and the client side.

import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

// Per person: the next sequence number, and the newest BUFFER messages as "<seq> <json>".
// One script, so two app servers publishing at once can never store out of order.
const PUBLISH = `
local seq = redis.call('INCR', KEYS[1])
redis.call('RPUSH', KEYS[2], seq .. ' ' .. ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[2], ARGV[3])
return seq`;

/**
 * @typedef {object} ServerOptions
 * @property {number} [port]          default 3001 (0: any free port)
 * @property {string} [host]          default 127.0.0.1
 * @property {string} [redisUrl]      default redis://127.0.0.1:6379
 * @property {string[]} [allowOrigin] page origins allowed to connect (CORS, with credentials)
 * @property {number} [buffer]        messages kept per person (default 100)
 * @property {number} [bufferTtlS]    how long they are kept after the last one (default 3600)
 * @property {(handshake: import('socket.io').Handshake) => string | undefined} [authenticate]
 *   the person of a connection, or undefined to refuse it. The default is a
 *   STAND-IN for trying it out (it trusts `auth.token`, or the `user` cookie, as
 *   the person's id): verify your session cookie or token here instead.
 * @property {(req: http.IncomingMessage) => boolean} [mayPublish]  default: loopback callers only
 */

/**
 * @param {ServerOptions} [options]
 * @returns {Promise<{ port: number, io: Server, publish: (user: string, notification: unknown) => Promise<number>, close: () => Promise<void> }>}
 */
export async function startServer({
  port = 3001,
  host = '127.0.0.1',
  redisUrl = 'redis://127.0.0.1:6379',
  allowOrigin = ['http://localhost:5173'],
  buffer = 100,
  bufferTtlS = 3600,
  authenticate = standInAuthenticate,
  mayPublish = (req) => ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? ''),
} = {}) {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  const data = pub.duplicate();
  for (const client of [pub, sub, data]) client.on('error', (error) => console.error('[socketio] redis:', error.message));
  await Promise.all([pub.connect(), sub.connect(), data.connect()]);

  const keys = (/** @type {string} */ user) => [`notif:{${user}}:seq`, `notif:{${user}}:log`];
  const room = (/** @type {string} */ user) => `user:${user}`;

  /** Stores the notification, then sends it to every socket of `user` on every node. */
  async function publish(/** @type {string} */ user, /** @type {unknown} */ notification) {
    const json = JSON.stringify(notification);
    const seq = Number(await data.eval(PUBLISH, { keys: keys(user), arguments: [json, String(buffer), String(bufferTtlS)] }));
    io.to(room(user)).emit('notification', { seq, data: notification });
    return seq;
  }

  const server = http.createServer((req, res) => {
    const match = /^\/publish\/([A-Za-z0-9_-]{1,64})$/.exec(req.url ?? '');
    if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200).end('ok');
    if (!match || req.method !== 'POST') return void res.writeHead(404).end();
    if (!mayPublish(req)) return void res.writeHead(403).end();
    const chunks = /** @type {Buffer[]} */ ([]);
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      /** @type {unknown} */
      let notification;
      try {
        notification = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return void res.writeHead(400).end();
      }
      publish(/** @type {string} */ (match[1]), notification).then(
        (seq) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ eventId: seq })),
        (error) => res.writeHead(503).end(String(error?.message ?? error)),
      );
    });
  });

  const io = new Server(server, {
    cors: { origin: allowOrigin, credentials: true },
    adapter: createAdapter(pub, sub),
  });

  io.use((socket, next) => {
    const user = authenticate(socket.handshake);
    if (!user || !/^[A-Za-z0-9_-]{1,64}$/.test(user)) return next(new Error('unauthorized'));
    socket.data.user = user;
    next();
  });

  io.on('connection', async (socket) => {
    const user = /** @type {string} */ (socket.data.user);
    // Join first: from here on every message arrives live, and every earlier one is in the log.
    // (The client drops what arrives both ways.)
    await socket.join(room(user));
    const raw = socket.handshake.auth?.lastEventId;
    const cursor = Number.isSafeInteger(raw) && raw >= 0 ? /** @type {number} */ (raw) : undefined;
    try {
      const [seqKey, logKey] = keys(user);
      const [entries, head] = await Promise.all([data.lRange(/** @type {string} */ (logKey), 0, -1), data.get(/** @type {string} */ (seqKey))]);
      const items = entries.map((entry) => {
        const space = entry.indexOf(' ');
        return { seq: Number(entry.slice(0, space)), data: JSON.parse(entry.slice(space + 1)) };
      });
      const newest = Number(head ?? 0);
      const oldest = items[0]?.seq ?? newest + 1;
      // Older than the log (or from before a Redis that started over): what was missed cannot be sent.
      const gap = cursor !== undefined && (cursor + 1 < oldest || cursor > newest);
      const after = cursor === undefined || gap ? oldest - 1 : cursor;
      socket.emit('replay', { after, gap, items: items.filter((item) => item.seq > after) });
    } catch (error) {
      console.error('[socketio] replay failed:', error);
      socket.disconnect(true);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    port: address.port,
    io,
    publish,
    async close() {
      await new Promise((resolve) => io.close(() => resolve(undefined)));
      await Promise.all([pub, sub, data].map((client) => client.quit().catch(() => {})));
    },
  };
}

/** @param {import('socket.io').Handshake} handshake */
function standInAuthenticate(handshake) {
  const token = handshake.auth?.token;
  if (typeof token === 'string' && token !== '') return token;
  return /(?:^|;\s*)user=([^;]*)/.exec(handshake.headers.cookie ?? '')?.[1];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = await startServer({
    port: Number(process.env.PORT ?? 3001),
    host: process.env.HOST ?? '127.0.0.1',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    allowOrigin: (process.env.ALLOW_ORIGIN ?? 'http://localhost:5173').split(/\s+/).filter(Boolean),
    buffer: Number(process.env.BUFFER ?? 100),
  });
  console.log(`socket.io node listening on ${process.env.HOST ?? '127.0.0.1'}:${started.port}`);
  const stop = () => started.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
