// Size report and budgets: each public entry bundled from the built package
// with esbuild (minified, ES2022, dependencies included, code splitting so lazy
// code lands in its own chunks, or every chunk inlined), gzip -9, KiB = 1024 bytes.
// The same settings as bench/peers/size.mjs, so the figures compare with the peers'.
//   npm run size            prints the README's table and each figure's largest modules
//   npm run size -- --write replaces the table in README.md
//   npm run size -- --check fails when an entry grows past its ceiling
// bench/peers/size.mjs imports `entries` and `measure` from here, so that our rows
// next to the peers' are these figures; importing this module does not run the CLI.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The repository root: entries resolve `notif-elements/*` from here, whatever the cwd. */
const root = fileURLToPath(new URL('..', import.meta.url));

const LIT = ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/reactive-element', '@lit/reactive-element/*'];

/**
 * The three figures of issue 24, with the budgets it sets: `budget` is the target,
 * `ceiling` what CI enforces today so nothing grows while a gap remains (lower a ceiling
 * when an entry shrinks; never raise one without saying why). `count`: `upfront` is the
 * entry chunk and every chunk it imports statically, what a page loads before anything is
 * used; `inlined` is one bundle with every lazy chunk inlined, compressed once.
 */
export const entries = [
  {
    id: 'core-sse',
    name: '`createNotificationStore` + `sse` from `notif-elements/core`',
    contents: "export { createNotificationStore, sse } from 'notif-elements/core';",
    count: 'upfront',
    budget: 7.5,
    // 10.27 before issue 24; +0.41 (-> 10.68): the store split along its pipeline (module
    // boundaries keep names the minifier mangled inside one closure) and the store-owned cursor.
    // +1.43 (-> 12.11): the outbox (0.60: retries, collapsing, undo), persistence of the outbox
    // and the last items (+0.41), the store's bridges to crossTab and webPush (issues 25, 26, 28).
    // +0.19 (-> 12.30): what the tests of those issues found (an outbox per tab and its waiting ids
    // shown in every tab, the online listener only while started, Web Push's enable and first load).
    // +0.05 (-> 12.35): a stopped store's outbox stops too (its retries wrote over the next store's).
    ceiling: 12.4,
  },
  {
    id: 'initial',
    name: 'before the panel opens: `notif-elements/define` with code splitting, entry + static chunks (Lit, provider, bell, toaster, store, SSE)',
    contents: "import 'notif-elements/define';",
    count: 'upfront',
    budget: 18,
    // 34.7 before issue 24 (every element was imported by define); 27.68 with the feed,
    // the preferences and the toast on first use (issue 24). +2.05 (-> 29.72): the store's own
    // growth above, and the provider's lazy crossTab and badge stand-ins (their code is a chunk
    // of its own, fetched only by a page with the attribute: 2.5 KiB gzip when it was static).
    // +0.21 (-> 29.93): the same fixes. +0.08 (-> 30.01): keeping clear of the bells moved out
    // of the toaster into a controller (files under 300 lines; a class boundary the minifier keeps).
    // +0.06 (-> 30.07): a stopped store's outbox stops too.
    ceiling: 30.1,
  },
  {
    id: 'everything',
    name: 'everything: `notif-elements/define` with every chunk inlined, Lit and every transport included',
    contents: "import 'notif-elements/define';",
    count: 'inlined',
    budget: 32,
    // 36.49 with issue 24 (every chunk inlined, as the issue measures it); 41.88 with crossTab,
    // the outbox, the badge and the Web Push bridge inlined (issues 25, 26, 28).
    // +0.31 (-> 42.19): the same fixes. +0.27 (-> 42.46): the toaster's keep-clear, the toast's
    // swipe and the feed's tabs and rows moved into modules of their own (files under 300 lines).
    // +0.06 (-> 42.52): a stopped store's outbox stops too.
    ceiling: 42.55,
  },
  {
    id: 'everything-no-lit',
    name: '`notif-elements/define` without Lit (Lit external), every chunk inlined',
    contents: "import 'notif-elements/define';",
    count: 'inlined',
    external: LIT,
  },
  {
    // Web Push, paid only by a page that imports it (issue 26): no budget, for the record.
    id: 'web-push',
    name: 'Web Push, the page side: `webPush` + `merge` from `notif-elements/core`, alone',
    contents: "export { webPush, merge } from 'notif-elements/core';",
    count: 'upfront',
  },
  {
    id: 'sw',
    name: 'the service worker module: `installNotifWorker` from `notif-elements/sw` (validation and the URL rule included)',
    contents: "export { installNotifWorker } from 'notif-elements/sw';",
    count: 'upfront',
  },
];

const kib = (bytes) => (bytes / 1024).toFixed(2);

/** The esbuild settings every size figure uses, ours and the peers' (bench/peers, bench/run.mjs). */
export const BUNDLE_SETTINGS = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
};

/** Groups a bundled input under its package (node_modules) or its path in dist/. */
const moduleOf = (input) =>
  input.includes('node_modules/') ? input.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : input.replace(/^dist\//, '');

/**
 * Bundles one entry; returns minified and gzip bytes of what it counts, how many chunks
 * that is, and `modules`: each module's (or package's) minified bytes and its share of
 * the gzip figure (proportional to its bytes: gzip is not additive, so this attributes).
 */
export async function measure({ contents, count, external = [] }) {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    ...BUNDLE_SETTINGS,
    splitting: count !== 'inlined',
    outdir: 'size-out',
    metafile: true,
    external,
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined);
  const counted = new Set();
  const visit = (path) => {
    if (counted.has(path)) return;
    counted.add(path);
    for (const imported of outputs[path].imports) {
      if (imported.external) continue;
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(entry);
  let minified = 0;
  let gzip = 0;
  const bytes = new Map();
  for (const file of result.outputFiles) {
    const path = Object.keys(outputs).find((p) => file.path.endsWith(p));
    if (!path || !counted.has(path)) continue;
    minified += file.contents.length;
    gzip += gzipSync(file.contents, { level: 9 }).length;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs)) {
      bytes.set(moduleOf(input), (bytes.get(moduleOf(input)) ?? 0) + bytesInOutput);
    }
  }
  const modules = [...bytes]
    .filter(([, size]) => size > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, size]) => ({ name, minified: size, gzip: (size / minified) * gzip }));
  return { minified, gzip, chunks: counted.size, modules };
}

/** The CLI: prints (and with --write, puts in README.md) the size table; --check enforces the ceilings. */
async function main() {
  const rows = ['| entry | minified | gzip | target | CI ceiling |', '|---|---|---|---|---|'];
  const over = [];
  const attributions = [];
  for (const entry of entries) {
    const { minified, gzip, modules } = await measure(entry);
    const gzipKiB = gzip / 1024;
    const target = entry.budget === undefined ? '' : `${entry.budget} KiB ${gzipKiB <= entry.budget ? '✅' : `❌ ×${(gzipKiB / entry.budget).toFixed(1)}`}`;
    const ceiling = entry.ceiling === undefined ? '' : `${entry.ceiling} KiB`;
    rows.push(`| ${entry.name} | ${kib(minified)} KiB | ${kib(gzip)} KiB | ${target} | ${ceiling} |`);
    if (entry.ceiling !== undefined && gzipKiB > entry.ceiling) over.push(`${entry.name}: ${kib(gzip)} KiB > ${entry.ceiling} KiB`);
    if (entry.budget !== undefined) {
      const largest = modules.slice(0, 12).map((m) => `  ${kib(m.gzip).padStart(6)} KiB gzip  ${kib(m.minified).padStart(6)} KiB min  ${m.name}`);
      attributions.push(`${entry.id} (${kib(gzip)} KiB gzip), its largest modules:\n${largest.join('\n')}`);
    }
  }
  const table = rows.join('\n');

  if (process.argv.includes('--write')) {
    const START = '<!-- size-table:start -->';
    const END = '<!-- size-table:end -->';
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
    writeFileSync(`${root}README.md`, `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
  }
  console.log(table);
  if (!process.argv.includes('--table')) console.log(`\n${attributions.join('\n\n')}`);
  if (over.length > 0) {
    console.error(`\nover the CI ceiling:\n${over.join('\n')}`);
    if (process.argv.includes('--check')) process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
