// The server of the multi-tab tests and the tabs bench: the real hub on /hub/, and a page
// (test/tabs/page.ts bundled from src/ with esbuild) on /. Started by the tests themselves.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createHub } from '../../server/hub/index.js';

const page = fileURLToPath(new URL('./page.ts', import.meta.url));
const src = fileURLToPath(new URL('../../src/', import.meta.url));
const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * The page's imports of src/ taken from the built package in dist/ instead (same paths, .js).
 * Not the protocol's constants: the build keeps only the exports the library uses, and the
 * page imports them only to post foreign messages (tests, not the bench).
 */
const fromDist = {
  name: 'from-dist',
  setup(build) {
    build.onResolve({ filter: /\/src\// }, async (args) => {
      if (args.pluginData === 'from-dist') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'from-dist' });
      if (!resolved.path.startsWith(src) || resolved.path.endsWith('cross-tab-protocol.ts')) return undefined;
      return { path: `${dist}${resolved.path.slice(src.length).replace(/\.ts$/, '.js')}` };
    });
  },
};
const html = `<!doctype html><meta charset="utf-8"><title>tab</title><script type="module" src="/page.js"></script>`;

/**
 * Starts the hub and the page on a free loopback port; `stop()` ends both. The page is
 * bundled from src/, or with `dist: true` from the built package (run `npm run build:js` first).
 */
export async function startTabsServer({ dist: built = false } = {}) {
  const bundle = await build({
    entryPoints: [page],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': built ? '"production"' : '"development"' },
    plugins: built ? [fromDist] : [],
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].contents;
  const hub = createHub();
  const server = createServer((req, res) => {
    if (req.url === '/page.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      return res.end(script);
    }
    if (req.url?.startsWith('/hub/')) return hub.middleware(req, res);
    res.writeHead(200, { 'Content-Type': 'text/html' });
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
    /** The hub's log of a channel: requests, open connections, max open at once. */
    log: async (channel) => (await fetch(`${origin}/hub/${channel}/log`)).json(),
    publish: (channel, frames) => hub.control(channel, { action: 'publish', frames }),
    async stop() {
      hub.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
