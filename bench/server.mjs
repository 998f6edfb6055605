// The benchmark's HTTP server: bench/pages/, dist/browser/ and bench/.startup/ as static files, and the
// real push hub (server/hub/) for SSE and WebSocket, and a stand-in for Courier's live-update
// socket (/courier-socket/<channel>), on 127.0.0.1 at a random port.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { createHub } from '../server/hub/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const mounts = [
  { prefix: '/dist/browser/', dir: join(root, 'dist/browser') },
  // written by bench/run.mjs: the startup bundles, ours (code-split) and Courier's
  { prefix: '/startup/', dir: join(root, 'bench/.startup') },
  { prefix: '/', dir: join(root, 'bench/pages') },
];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** @param {string} pathname @returns {string | null} */
function fileFor(pathname) {
  for (const { prefix, dir } of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const relative = normalize(decodeURIComponent(pathname.slice(prefix.length)) || 'index.html');
    const file = join(dir, relative);
    return file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

/**
 * Courier's inbox socket as far as a page showing new messages needs it: Courier sends its
 * subscribe and config requests, which need no answer, and gets `{ event: 'message', data }`
 * frames, one per message (courier-js's protocol). `send` writes them to the channel's sockets
 * in one go, each its own frame, as Courier's server sends them.
 */
function createCourierSocket() {
  const wss = new WebSocketServer({ noServer: true });
  /** @type {Map<string, Set<import('ws').WebSocket>>} */
  const channels = new Map();
  const socketsOf = (name) => channels.get(name) ?? channels.set(name, new Set()).get(name);
  return {
    /** Takes the upgrade when it is for /courier-socket/<channel>. */
    handleUpgrade(req, socket, head) {
      const match = /^\/courier-socket\/([\w-]+)/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!match) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        const sockets = socketsOf(match[1]);
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        // a client's protocol error must not crash the bench
        ws.on('error', () => sockets.delete(ws));
      });
      return true;
    },
    /** Sends each message as its own `{ event: 'message', data }` frame to the channel's sockets. */
    send(name, messages) {
      const frames = messages.map((data) => JSON.stringify({ event: 'message', data }));
      for (const ws of socketsOf(name)) for (const frame of frames) ws.send(frame);
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/**
 * Starts the server. `hub.control(channel, body)` publishes from this process, so
 * the `Date.now()` stamped into a frame and the write share one clock.
 * @returns {Promise<{ origin: string, hub: ReturnType<typeof createHub>, courier: ReturnType<typeof createCourierSocket>, close: () => Promise<void> }>}
 */
export async function startServer() {
  const hub = createHub({ historyLimit: 200_000 });
  const courier = createCourierSocket();
  const server = createServer((req, res) => {
    hub.middleware(req, res, () => {
      const file = fileFor(new URL(req.url ?? '/', 'http://x').pathname);
      if (!file) {
        res.writeHead(404).end('not found');
        return;
      }
      readFile(file).then(
        (body) => {
          // no-store: every page load compiles the bundle cold, as a first visit does
          res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
          res.end(body);
        },
        () => res.writeHead(404).end('not found'),
      );
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!courier.handleUpgrade(req, socket, head) && !hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    hub,
    courier,
    close: async () => {
      hub.close();
      courier.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
