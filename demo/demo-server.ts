import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
// The reference push server the tests use too: SSE, WebSocket and poll with resume.
import { createHub } from '../server/hub/index.js';
import { SEED_HOURS_AGO, sampleNotification } from './samples.js';

/** The one channel the demo page talks to. */
export const DEMO_CHANNEL = 'demo';

/** The hub's VAPID keys, generated on the first `npm start` (git-ignored). */
const VAPID_KEY_FILE = fileURLToPath(new URL('./.vapid-keys.json', import.meta.url));

/** The prebuilt worker (`dist/notif-sw.js`), bundled from src/ on each request so `npm start` needs no build. */
async function workerScript(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/sw/prebuilt.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no worker');
  return output.contents;
}

/**
 * Serves a real push source on the demo's own origin: `/hub/demo/sse`, `/hub/demo/ws`
 * and `/hub/demo/poll` with a bounded history and resume, seeded so the page is alive
 * on first load; `/demo/publish` for the page's form and `/demo/stream?perSecond=n`
 * to start (n > 0) or stop a random stream, `/demo/offline?on=1|0` to take the hub off the network
 * (and `/hub/demo/actions` takes the page's reads and archives). Web Push: `/notif-sw.js` is the
 * worker (at the root, so its scope is the whole demo), `/hub/demo/push/*` the hub's sender.
 */
export function demoServer(): Plugin {
  return {
    name: 'notif-demo-server',
    configureServer(server) {
      // "Take the demo offline": the hub then answers nothing (streams and actions alike), as a lost network would.
      let offline = false;
      const hub = createHub({
        historyLimit: 1000,
        isOffline: (req) => offline && !req.url?.endsWith('/log') && !req.url?.endsWith('/control'),
        webPush: { keyFile: VAPID_KEY_FILE },
      });
      // Ids follow the hub's sequence numbers, so a WebSocket or poll client's cursor
      // (the id of the last notification it got) is also the hub's resume point.
      let seq = 0;
      const publish = (samples: object[], createdAt = (): number => Date.now()): void => {
        const frames = samples.map((sample) => ({ ...sample, id: String(++seq), createdAt: createdAt() }));
        hub.control(DEMO_CHANNEL, { action: 'publish', frames });
      };
      const hoursAgo = [...SEED_HOURS_AGO];
      publish(hoursAgo.map(() => sampleNotification()), () => Date.now() - (hoursAgo.shift() ?? 0) * 3600_000);

      // A quiet heartbeat of news so a first visit sees toasts arrive by themselves.
      let trickle: ReturnType<typeof setInterval> | undefined = setInterval(() => publish([sampleNotification()]), 12_000);
      let stream: ReturnType<typeof setInterval> | undefined;

      server.middlewares.use('/demo/stream', (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const perSecond = Math.min(50, Math.max(0, Number(url.searchParams.get('perSecond') ?? 0)));
        clearInterval(stream);
        stream = perSecond > 0 ? setInterval(() => publish([sampleNotification()]), 1000 / perSecond) : undefined;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ ok: true, perSecond }));
      });
      server.middlewares.use('/notif-sw.js', (_req, res) => {
        workerScript().then(
          (script) => {
            res.setHeader('Content-Type', 'text/javascript');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(script);
          },
          (error: unknown) => {
            res.statusCode = 500;
            res.end(String(error));
          },
        );
      });
      server.middlewares.use('/demo/offline', (req, res) => {
        offline = new URL(req.url ?? '/', 'http://localhost').searchParams.get('on') === '1';
        if (offline) hub.control(DEMO_CHANNEL, { action: 'cut' });
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ ok: true, offline }));
      });
      // The page's publish form: its fields, with an id and time from the server.
      server.middlewares.use('/demo/publish', (req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          body += chunk;
        });
        req.on('end', () => {
          res.setHeader('Content-Type', 'application/json');
          try {
            const parsed: unknown = JSON.parse(body || '{}');
            const items = Array.isArray(parsed) ? parsed : [parsed];
            publish(items.filter((item): item is object => typeof item === 'object' && item !== null));
            res.end(JSON.stringify({ ok: true, lastSeq: seq }));
          } catch (error) {
            res.statusCode = 400;
            res.end(JSON.stringify({ ok: false, error: String(error) }));
          }
        });
      });
      server.middlewares.use((req, res, next) => {
        hub.middleware(req, res, next);
      });
      server.httpServer?.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        // Vite's own HMR socket shares the server; the hub only claims /hub/ paths.
        hub.handleUpgrade(req, socket, head);
      });
      server.httpServer?.on('close', () => {
        clearInterval(trickle);
        clearInterval(stream);
        trickle = stream = undefined;
        hub.close();
      });
    },
  };
}
