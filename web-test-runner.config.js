// Web Test Runner 0.20.x (the 1.x line needs Node 22) with the system Chromium.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { cspHeaders } from './test/servers/csp-headers.js';
import { createTestHub } from './test/servers/hub-plugin.js';
import { nchanPlugin } from './test/servers/nchan-plugin.js';
import { pageMemory } from './test/servers/page-memory.js';
import { scenarioReport } from './test/servers/scenario-report.js';
import { socketioPlugin } from './test/servers/socketio-plugin.js';

// The notification push server (SSE, polling, WebSocket) the transport tests talk to.
const testHub = createTestHub();

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,

  // Tests do real timing (reconnect delays, long polls): one page at a time
  // keeps them deterministic on a 2-core machine. WTR_CONCURRENCY overrides.
  concurrency: Number(process.env.WTR_CONCURRENCY) || 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 5 * 60 * 1000,
  testFramework: {
    config: { timeout: 10000 },
  },

  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox', // we run as root
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      },
    }),
  ],

  // nanostores reads process.env.NODE_ENV; define it before any module loads.
  testRunnerHtml: (testFramework) => `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8" />
    <script>globalThis.process = { env: { NODE_ENV: 'development' } };</script>
    <script>globalThis.__SOAK_MS__ = ${Number(process.env.SOAK_MS) || 120000};</script>
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
    <script type="module" src="/test/helpers/readable-failures.js"></script>
  </body>
</html>`,

  // HTTP routes must be middleware: app.use() in a plugin's serverStart is too late.
  middleware: [cspHeaders(), ...testHub.middleware],

  plugins: [
    esbuildPlugin({
      ts: true,
      // without it esbuild ignores experimentalDecorators / useDefineForClassFields
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      // 'auto' leaves standard decorators untransformed for the newest Chrome
      target: 'es2022',
    }),
    // WebSocket upgrades for /hub/*/ws, the `set-offline` and `fault-proxy` server commands
    testHub.plugin,
    // figures of the fault scenarios, for the README's reliability table
    scenarioReport(),
    // garbage collection and heap / listener counts for the soak
    pageMemory(),
    // the `nchan` server command: a two-node nginx + Nchan + Redis cluster, started on first use
    nchanPlugin(),
    // the `socketio` server command: deploy/socketio's two nodes and one Redis, started on first use
    socketioPlugin(),
  ],
};
