// The server of the Web Push tests and the push bench: the real hub (with its Web Push sender)
// on /hub/, a page (test/push/page.ts) on /, and the worker on /notif-sw.js at the root, so
// it gets the root scope. Both are bundled from src/ with esbuild when the server starts: the
// worker is src/sw's installNotifWorker (what dist/notif-sw.js runs) plus test-sw.ts's probes.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createHub } from '../../server/hub/index.js';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const html = `<!doctype html><meta charset="utf-8"><title>push</title><notif-preferences></notif-preferences><script type="module" src="/page.js"></script>`;

async function bundle(entry, format) {
  const result = await build({
    entryPoints: [here(entry)],
    bundle: true,
    format,
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

/**
 * Starts the hub and the pages on a free loopback port; `stop()` ends both.
 * @param {{ webPush?: import('../../server/hub/webpush.js').WebPushOptions }} [options] the hub's Web Push sender (default: keys of its own)
 */
export async function startPushServer(options = {}) {
  const [page, worker] = await Promise.all([bundle('./page.ts', 'esm'), bundle('./test-sw.ts', 'iife')]);
  const hub = createHub({ webPush: options.webPush ?? {} });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/page.js' || path === '/notif-sw.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      return res.end(path === '/page.js' ? page : worker);
    }
    if (path.startsWith('/hub/')) return hub.middleware(req, res);
    if (path === '/favicon.ico') return res.writeHead(204).end();
    res.writeHead(200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' });
    res.end(html);
  });
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    hub,
    publish: (channel, frames) => hub.control(channel, { action: 'publish', frames }),
    /** The channel's Web Push log: subscriptions (endpoint, topics) and every send. */
    pushLog: async (channel) => (await fetch(`${origin}/hub/${channel}/push/log`)).json(),
    async stop() {
      hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
