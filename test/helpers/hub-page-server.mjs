// A loopback server for the Node-driven browser tests (tabs, Web Push) and their benches:
// the real hub on /hub/ (and its WebSocket upgrades), the given scripts at their paths, and
// one HTML page for every other path.
import { createServer } from 'node:http';

/**
 * Starts `hub` with `html` and `scripts` ({ '/page.js': code }) on a free loopback port.
 * Resolves with the origin, `publish(channel, frames)`, and `stop()`, which ends both.
 */
export async function serveHubPage(hub, { html, scripts }) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path in scripts) {
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      return res.end(scripts[path]);
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
    publish: (channel, frames) => hub.control(channel, { action: 'publish', frames }),
    async stop() {
      hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
