// A page that does not call webPush() pays nothing for it: createNotificationStore + sse
// bundled with esbuild (the size report's settings) holds none of the Web Push modules. From
// the sources always; from the built package (notif-elements/core) when dist/ is there.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Modules only Web Push needs: the transport, merge, the page-worker messages, the worker. */
const PUSH_ONLY = /(^|\/)(src\/transports\/(web-push|merge)\.ts|src\/core\/wire\/worker\.ts|src\/sw\/|dist\/transports\/(web-push|merge)\.js|dist\/core\/wire\/worker\.js|dist\/sw)/;
/** Strings of that code, should a module boundary hide it. */
const PUSH_STRINGS = ['pushManager', 'notif-elements/sw', 'applicationServerKey', 'showNotification'];

async function bundle(contents) {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = Buffer.concat(result.outputFiles.map((file) => file.contents)).toString('utf8');
  // Modules that put bytes in the output (metafile.inputs lists every module parsed, tree-shaken or not).
  const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([input]) => input));
  const bytes = (path) => Object.values(result.metafile.outputs).reduce((sum, output) => sum + (output.inputs[path]?.bytesInOutput ?? 0), 0);
  return { inputs, code, bytes };
}

function assertNoPush({ inputs, code }) {
  assert.deepEqual(inputs.filter((input) => PUSH_ONLY.test(input)), [], 'no Web Push module in the bundle');
  for (const text of PUSH_STRINGS) assert.ok(!code.includes(text), `no "${text}" in the bundle`);
}

test('createNotificationStore + sse from the sources bundle no Web Push code', async () => {
  const bundled = await bundle("export { createNotificationStore, sse } from './src/headless.ts';");
  assertNoPush(bundled);
  // What every store carries: the bridge that hands a webPush() the preferences, when there is one.
  console.log(`the store's push bridge (src/core/store/push.ts) in createNotificationStore + sse: ${bundled.bytes('src/core/store/push.ts')} bytes minified`);
  // The control: the same bundle with webPush does hold it.
  const withPush = await bundle("export { createNotificationStore, sse, webPush, merge } from './src/headless.ts';");
  assert.ok(withPush.inputs.some((input) => PUSH_ONLY.test(input)) && withPush.code.includes('pushManager'));
});

test('createNotificationStore + sse from the built notif-elements/core bundle no Web Push code', async (t) => {
  if (!existsSync(`${root}dist/core.js`)) return t.skip('dist/ is not built (npm run build:js)');
  assertNoPush(await bundle("export { createNotificationStore, sse } from 'notif-elements/core';"));
});
