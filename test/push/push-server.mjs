// The server of the Web Push tests and the push bench: the real hub (with its Web Push sender)
// on /hub/, a page (test/push/page.ts) on /, and the worker on /notif-sw.js at the root, so
// it gets the root scope. Both are bundled from src/ with esbuild when the server starts: the
// worker is src/sw's installNotifWorker (what dist/notif-sw.js runs) plus test-sw.ts's probes.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createHub } from '../../server/hub/index.js';
import { serveHubPage } from '../helpers/hub-page-server.mjs';

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
  const served = await serveHubPage(hub, { html, scripts: { '/page.js': page, '/notif-sw.js': worker } });
  return {
    ...served,
    hub,
    /** The channel's Web Push log: subscriptions (endpoint, topics) and every send. */
    pushLog: async (channel) => (await fetch(`${served.origin}/hub/${channel}/push/log`)).json(),
  };
}
