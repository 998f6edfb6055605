// The server of the multi-tab tests and the tabs bench: the real hub on /hub/, and a page
// (test/tabs/page.ts bundled from src/ with esbuild) on /. Started by the tests themselves.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createHub } from '../../server/hub/index.js';
import { serveHubPage } from '../helpers/hub-page-server.mjs';

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
  const served = await serveHubPage(hub, { html, scripts: { '/page.js': script } });
  return {
    ...served,
    hub,
    /** The hub's log of a channel: requests, open connections, max open at once. */
    log: async (channel) => (await fetch(`${served.origin}/hub/${channel}/log`)).json(),
  };
}
