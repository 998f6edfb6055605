import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
for (const [name, contents] of [
  ['core (store + sse)', "export { createNotificationStore, sse } from 'notif-elements/core';"],
  ['core (everything)', "export * from 'notif-elements/core';"],
  ['define (all elements, Lit included)', "import 'notif-elements/define';"],
]) {
  const out = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'esm', write: false, define: { 'process.env.NODE_ENV': '"production"' }, target: 'es2022' });
  const code = out.outputFiles[0].contents;
  console.log(name.padEnd(40), (code.length/1024).toFixed(1), 'KiB min', (gzipSync(code, { level: 9 }).length/1024).toFixed(2), 'KiB gzip');
}
