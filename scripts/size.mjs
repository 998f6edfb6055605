// Size report and budgets: each public entry bundled from the built package
// with esbuild (minified, ES2022, dependencies included, code splitting so lazy
// code lands in its own chunks), gzip -9, KiB = 1024 bytes. The same settings
// as bench/peers/size.mjs, so the figures compare with the peers'.
//   npm run size            prints the README's table
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
 * `budget` is the project's target (issue 6); `ceiling` is what CI enforces
 * today, so that nothing grows while the gap to the target is closed. Lower a
 * ceiling when an entry shrinks; never raise one without saying why.
 * `upfront` counts the entry and its static imports; `all` adds lazy chunks.
 */
export const entries = [
  {
    id: 'core-sse',
    name: '`createNotificationStore` + `sse` from `notif-elements/core`',
    contents: "export { createNotificationStore, sse } from 'notif-elements/core';",
    count: 'upfront',
    budget: 4,
    // +0.35 KiB (9.75 -> 10.1): the staged store (sliced add(), burst gap, a large publish in
    // its own task) and readText's budget across reads, which took store.add(100,000) from
    // 630 ms blocking to 3-6 ms, a burst from 11 re-renders to 3 and its longest task from ~100 ms
    // to under 50 in most runs. +0.37 KiB (10.1 -> 10.5): publishing a burst or a bulk load onto
    // $items by concat instead of a rebuild, the flat command queue, and the parser's line
    // splitting without per-line allocations (a 1 MB burst parsed in 20-44 ms instead of 64-71).
    // -0.2 KiB (10.47 -> 10.27, ceiling 10.3): an audit's behaviour-preserving cuts (one wait in
    // the connection loop, shared decode and validation helpers, the unread count read off publish).
    // +0.41 (10.27 -> 10.68, ceiling 10.7): the store split along its pipeline (issue 24: seven
    // modules instead of one closure; their returned objects keep property names the minifier
    // mangled as locals) and the store-owned cursor (sink.cursor(), cursor-only SSE ids).
    ceiling: 10.7,
  },
  {
    id: 'initial',
    name: 'before the panel opens: bell + toaster + provider (store, SSE), Lit included',
    contents: "import 'notif-elements/define/notif-provider'; import 'notif-elements/define/notif-bell'; import 'notif-elements/define/notif-toaster';",
    count: 'upfront',
    budget: 12,
    // 27.65 -> 27.2: CSS and HTML inside css`` / html`` minified by the build (build/minify-template-literals.ts);
    // then +0.35 for the store's and the parser's share above (core + SSE), and +0.02 for
    // readText's small first slices (the first read of a cold page: 31-39 ms -> 14-23 ms), still under 27.65.
    // -0.2 (27.57 -> 27.37): the core audit above; -0.16 (-> 27.21, ceiling 27.25): an audit of
    // the elements (the feed's own CSS and dot icon out of what the bell loads, dead code).
    // +0.76 (-> 28.01, ceiling 28.05): the store split (+0.41 above), the toast policy in core
    // (createToasts, countdown) and the bell's keep-clear and focus-return controllers.
    ceiling: 28.05,
  },
  {
    id: 'everything',
    name: 'everything: `notif-elements/define`, Lit and every transport included',
    contents: "import 'notif-elements/define';",
    count: 'all',
    budget: 22,
    // 43.7 -> 36.45: the feed's own row windowing replaced @lit-labs/virtualizer (then
    // +0.15 for aria-posinset/setsize on rows and placing rows without a re-render); 36.45 -> 35.7:
    // CSS and HTML inside css`` / html`` minified by the build; then +0.7 for the store's and the
    // parser's share (core + SSE), the feed's rows reused on top and at the bottom, and readText's
    // small first slices: back at 36.45. +0.2 KiB (36.45 -> 36.65): the feed reuses row elements
    // while scrolling (row-slots.ts): in paired runs scrolling 100,000 rows, dropped frames 22 -> 8
    // over 8 runs each, and script, style and layout per frame down by about a quarter. +0.05
    // (-> 36.7): what review found in that reuse: rows that stay must not be moved (focus),
    // a reused row is observed afresh (its height), renderItem and icons are keyed per
    // notification (no state or picture shown on another), keys inside a row are its own.
    // -0.2 (36.70 -> 36.51): the core audit above; -0.07 (-> 36.44, ceiling 36.45): the
    // elements audit (one action template for toast and feed). +0.03 (-> 36.47, ceiling 36.5): the
    // bell mounts its feed at the first open, not at start-up (with every element registered,
    // a bell's first render 15.6 -> 9.9 ms, median of 15 pages each).
    // +1.26 (-> 37.73, ceiling 37.75): the same store split, toast policy and controllers (issue 24).
    ceiling: 37.75,
  },
  {
    id: 'everything-no-lit',
    name: '`notif-elements/define` without Lit (Lit external)',
    contents: "import 'notif-elements/define';",
    count: 'all',
    external: LIT,
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

/** Bundles one entry; returns minified and gzip bytes of what it counts, and how many chunks that is. */
export async function measure({ contents, count, external = [] }) {
  const result = await build({
    absWorkingDir: root,
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    ...BUNDLE_SETTINGS,
    splitting: true,
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
      if (count === 'all' || imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(entry);
  let minified = 0;
  let gzip = 0;
  for (const file of result.outputFiles) {
    const path = Object.keys(outputs).find((p) => file.path.endsWith(p));
    if (!path || !counted.has(path)) continue;
    minified += file.contents.length;
    gzip += gzipSync(file.contents, { level: 9 }).length;
  }
  return { minified, gzip, chunks: counted.size };
}

/** The CLI: prints (and with --write, puts in README.md) the size table; --check enforces the ceilings. */
async function main() {
  const rows = ['| entry | minified | gzip | target | CI ceiling |', '|---|---|---|---|---|'];
  const over = [];
  for (const entry of entries) {
    const { minified, gzip } = await measure(entry);
    const gzipKiB = gzip / 1024;
    const target = entry.budget === undefined ? '' : `${entry.budget} KiB ${gzipKiB <= entry.budget ? '✅' : `❌ ×${(gzipKiB / entry.budget).toFixed(1)}`}`;
    const ceiling = entry.ceiling === undefined ? '' : `${entry.ceiling} KiB`;
    rows.push(`| ${entry.name} | ${kib(minified)} KiB | ${kib(gzip)} KiB | ${target} | ${ceiling} |`);
    if (entry.ceiling !== undefined && gzipKiB > entry.ceiling) over.push(`${entry.name}: ${kib(gzip)} KiB > ${entry.ceiling} KiB`);
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
  if (over.length > 0) {
    console.error(`\nover the CI ceiling:\n${over.join('\n')}`);
    if (process.argv.includes('--check')) process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
