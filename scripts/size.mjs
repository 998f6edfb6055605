// Size report: each public entry bundled with esbuild (minified, ES2022, dependencies
// included unless marked external), gzip -9. `npm run size` prints the README's table.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const entries = [
  ['`createNotificationStore` + `sse` from `notif-elements/core`', "export { createNotificationStore, sse } from 'notif-elements/core';"],
  ['all of `notif-elements/core`', "export * from 'notif-elements/core';"],
  ['`notif-elements/define`, Lit and the virtualizer included', "import 'notif-elements/define';"],
  ['`notif-elements/define` without Lit (Lit external)', "import 'notif-elements/define';", ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/reactive-element', '@lit/reactive-element/*']],
];

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;
console.log('| entry | minified | gzip |\n|---|---|---|');
for (const [name, contents, external = []] of entries) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    external,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  console.log(`| ${name} | ${kib(code.length)} | ${kib(gzipSync(code, { level: 9 }).length)} |`);
}
