// Peer bundle sizes next to ours (issue 6, item 2).
//
// Ours are measured by the root `scripts/size.mjs` itself (its exported `entries` and
// `measure`): esbuild with code splitting, counting the entry chunk and its static imports
// ("upfront": what a page pays before the panel opens, since the bell lazy-loads the feed
// and the provider lazy-loads WebSocket/poll) or every chunk ("everything"). So our rows
// here are the README's size table, byte for byte.
//
// The peers are bundled whole, as they are: one esbuild bundle per entry with the same
// settings (bundle, minify, format esm, target es2022, process.env.NODE_ENV = "production")
// plus `jsx: 'automatic'` so the React entries compile, no splitting, then gzip -9. A
// stylesheet an entry imports comes out as a separate .css file: its minified and gzip
// bytes are added to the JS bytes (two files served, each gzipped on its own).
//
// Ours are bundled from the root package's built `dist/` (via its `exports` map), so run
// `npm run build` at the root first; this script builds it only when dist/ is missing.
//
// Usage (from the repository root): `npm run bench` runs it at its end; alone:
//   npm --prefix bench/peers ci && node bench/peers/size.mjs
// or inside bench/peers: `npm ci && npm run peers`.
import { build, version as esbuildVersion } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { BUNDLE_SETTINGS, entries as ourEntries, measure as measureOurs } from '../../scripts/size.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const entriesDir = join(here, 'entries');

// The root size script's settings, plus the JSX transform.
const settings = { ...BUNDLE_SETTINGS, jsx: 'automatic' };

const REACT_EXTERNAL = ['react', 'react/*', 'react-dom', 'react-dom/*', 'scheduler'];

const peerVersion = (name) => JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

// [id, label, how it is bundled, group]. group: 'ours' | 'inbox' (bell + inbox peers,
// the ones the budgets are checked against) | 'toast' | 'reference'.
// `ours(id)`: one of scripts/size.mjs's entries, measured by it. `inline(code)`: a whole bundle
// resolved from the root (the Lit reference row), measured like a peer.
const ours = (id) => {
  const entry = ourEntries.find((e) => e.id === id);
  if (!entry) throw new Error(`scripts/size.mjs has no entry ${id}`);
  return { ours: entry, external: entry.external ?? [] };
};
const inline = (contents, external = []) => ({ stdin: { contents, resolveDir: root, loader: 'js' }, external });
const file = (name, external = []) => ({ entryPoints: [join(entriesDir, name)], external });

const rows = [
  ['ours-initial', 'notif-elements initial, before the panel opens: bell + toaster + provider (store, SSE), Lit included; entry + static imports', ours('initial'), 'ours'],
  ['ours-everything', 'notif-elements everything: `notif-elements/define`, Lit and every transport; all chunks', ours('everything'), 'ours'],
  ['ours-core-sse', 'notif-elements `createNotificationStore` + `sse` (no UI); entry + static imports', ours('core-sse'), 'ours'],
  ['courier', 'Courier `@trycourier/courier-ui-inbox` popup menu (web components)', file('courier.js'), 'inbox', '@trycourier/courier-ui-inbox'],
  ['magicbell', 'MagicBell `@magicbell/react` FloatingInbox + CSS, React external', file('magicbell.jsx', REACT_EXTERNAL), 'inbox', '@magicbell/react'],
  ['magicbell+react', 'MagicBell `@magicbell/react` FloatingInbox + CSS, with React', file('magicbell.jsx'), 'inbox', '@magicbell/react'],
  ['magicbell-legacy', 'MagicBell legacy `@magicbell/magicbell-react` FloatingNotificationInbox, React external', file('magicbell-legacy.jsx', REACT_EXTERNAL), 'inbox', '@magicbell/magicbell-react'],
  ['magicbell-legacy+react', 'MagicBell legacy `@magicbell/magicbell-react`, with React', file('magicbell-legacy.jsx'), 'inbox', '@magicbell/magicbell-react'],
  ['magicbell-embeddable', 'MagicBell `@magicbell/embeddable` widget (Preact inside)', file('magicbell-embeddable.js'), 'inbox', '@magicbell/embeddable'],
  ['novu', 'Novu `@novu/js/ui` Inbox (Solid inside)', file('novu.js'), 'inbox', '@novu/js'],
  ['knock', 'Knock `@knocklabs/react` bell + feed popover + CSS, React external', file('knock.jsx', REACT_EXTERNAL), 'inbox', '@knocklabs/react'],
  ['knock+react', 'Knock `@knocklabs/react` bell + feed popover + CSS, with React', file('knock.jsx'), 'inbox', '@knocklabs/react'],
  ['sonner', 'sonner `Toaster` + `toast`, React external', file('sonner.jsx', REACT_EXTERNAL), 'toast', 'sonner'],
  ['sonner+react', 'sonner `Toaster` + `toast`, with React', file('sonner.jsx'), 'toast', 'sonner'],
  ['notyf', 'notyf `new Notyf().success` + CSS', file('notyf.js'), 'toast', 'notyf'],
  ['react', 'reference: react + react-dom `createRoot` alone', file('react.jsx'), 'reference', 'react'],
  ['lit', 'reference: Lit alone (`LitElement`, `html`, `css`), as our build resolves it', inline("export { LitElement, html, css } from 'lit';"), 'reference'],
];

if (!existsSync(join(root, 'dist', 'define.js'))) {
  console.error('dist/ is missing: running `npm run build` at the repository root');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

// dist/ is gitignored and built by hand: say so when src/ has moved on since.
const newestSrc = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((newest, d) => {
  const p = join(dir, d.name);
  return Math.max(newest, d.isDirectory() ? newestSrc(p) : statSync(p).mtimeMs);
}, 0);
const distBuilt = statSync(join(root, 'dist', 'define.js')).mtimeMs;
if (existsSync(join(root, 'src')) && newestSrc(join(root, 'src')) > distBuilt) {
  console.error('warning: src/ has files newer than dist/: our rows measure the older build (run `npm run build` at the root)\n');
}

const measure = async ({ ours: entry, stdin, entryPoints, external }) => {
  if (entry) {
    const { minified, gzip, chunks } = await measureOurs(entry);
    return { js: { min: minified, gzip }, css: { min: 0, gzip: 0 }, min: minified, gzip, chunks, counted: entry.count, warnings: 0 };
  }
  const result = await build({
    ...settings,
    ...(stdin ? { stdin } : { entryPoints }),
    outdir: join(here, '.out'), // only names the outputs; write: false
    external,
    metafile: true, // read below; does not change the output
  });
  // A peer entry must resolve everything from bench/peers/node_modules: if a package were
  // missing there, esbuild would silently take the root's copy and measure that instead.
  if (entryPoints) {
    const strays = Object.keys(result.metafile.inputs).filter((input) => !resolve(input).startsWith(here));
    if (strays.length) throw new Error(`resolved outside bench/peers: ${strays.slice(0, 3).join(', ')}`);
  }
  const size = { js: { min: 0, gzip: 0 }, css: { min: 0, gzip: 0 } };
  for (const out of result.outputFiles) {
    const kind = out.path.endsWith('.css') ? 'css' : out.path.endsWith('.js') ? 'js' : null;
    if (!kind) throw new Error(`unexpected output ${out.path}`);
    size[kind].min += out.contents.length;
    size[kind].gzip += gzipSync(out.contents, { level: 9 }).length;
  }
  return { ...size, min: size.js.min + size.css.min, gzip: size.js.gzip + size.css.gzip, warnings: result.warnings.length };
};

// A peer's bundle depends only on these inputs; bundling them all takes ~9 s of the bench's
// 5 minutes. When none has changed, the peer rows of the last run are reused (ours never are).
// PEERS_FRESH=1 bundles them anyway.
const cacheFile = join(here, '.sizes-cache.json');
const cacheKey = createHash('sha256')
  .update(JSON.stringify({ esbuildVersion, settings, rows: rows.map(([id, , how]) => [id, how.ours ? 'ours' : how]) }))
  .update(readFileSync(fileURLToPath(import.meta.url)))
  .update(readFileSync(join(here, 'package-lock.json')))
  .update(readFileSync(join(root, 'package-lock.json')))
  .update(readdirSync(entriesDir).sort().map((name) => name + readFileSync(join(entriesDir, name), 'utf8')).join('\0'))
  .digest('hex');
const cached = (() => {
  if (process.env.PEERS_FRESH || !existsSync(cacheFile)) return new Map();
  const saved = JSON.parse(readFileSync(cacheFile, 'utf8'));
  return saved.key === cacheKey ? new Map(saved.results.map((r) => [r.id, r])) : new Map();
})();

const results = [];
for (const [id, label, how, group, pkg] of rows) {
  const reuse = !how.ours && cached.get(id);
  if (reuse && !reuse.error) {
    results.push({ ...reuse, label, group });
    continue;
  }
  try {
    results.push({ id, label, group, package: pkg ?? null, version: pkg ? peerVersion(pkg) : null, external: how.external, ...(await measure(how)) });
  } catch (error) {
    results.push({ id, label, group, package: pkg ?? null, error: String(error.message ?? error).split('\n')[0] });
  }
}
writeFileSync(cacheFile, `${JSON.stringify({ key: cacheKey, results: results.filter((r) => r.group !== 'ours') })}\n`);
if (cached.size) console.log('Peer rows reused from the last run: same esbuild, settings, entries and lockfiles (PEERS_FRESH=1 bundles them again).\n');

const kib = (bytes) => (bytes / 1024).toFixed(2);
const ratio = (a, b) => (a / b).toFixed(2);
const byId = Object.fromEntries(results.map((r) => [r.id, r]));
const initial = byId['ours-initial'];
const everything = byId['ours-everything'];
if (initial.error || everything.error) throw new Error(`our entries failed to bundle: ${initial.error ?? everything.error}`);

for (const r of results) {
  if (r.error) continue;
  r.ratio = {
    gzipToInitial: +ratio(r.gzip, initial.gzip),
    gzipToEverything: +ratio(r.gzip, everything.gzip),
    minToInitial: +ratio(r.min, initial.min),
    minToEverything: +ratio(r.min, everything.min),
  };
}

const lines = [
  '| entry | version | minified KiB | gzip KiB | of which CSS (min / gzip) | gzip ÷ our initial | gzip ÷ our everything | min ÷ our initial | min ÷ our everything |',
  '|---|---|--:|--:|--:|--:|--:|--:|--:|',
];
for (const r of results) {
  if (r.error) {
    lines.push(`| ${r.label} | | failed: ${r.error.replace(/\|/g, '\\|')} | | | | | | |`);
    continue;
  }
  const css = r.css.min ? `${kib(r.css.min)} / ${kib(r.css.gzip)}` : '–';
  lines.push(`| ${r.label} | ${r.version ?? ''} | ${kib(r.min)} | ${kib(r.gzip)} | ${css} | ${r.ratio.gzipToInitial.toFixed(2)}× | ${r.ratio.gzipToEverything.toFixed(2)}× | ${r.ratio.minToInitial.toFixed(2)}× | ${r.ratio.minToEverything.toFixed(2)}× |`);
}
console.log(lines.join('\n'));

// Budgets (issue 6): initial ≥ 3.5× below the lightest bell + inbox peer, everything ≥ 1.9×.
// The lightest peer is taken among the React-external / framework-free variants, which
// favours the peers; checked on gzip and on minified bytes.
const inboxPeers = results.filter((r) => r.group === 'inbox' && !r.error && !r.id.endsWith('+react'));
const budgets = {};
for (const metric of ['gzip', 'min']) {
  const lightest = inboxPeers.reduce((a, b) => (b[metric] < a[metric] ? b : a));
  budgets[metric] = {
    lightest: lightest.id,
    initial: { ratio: +ratio(lightest[metric], initial[metric]), need: 3.5 },
    everything: { ratio: +ratio(lightest[metric], everything[metric]), need: 1.9 },
  };
  budgets[metric].initial.ok = budgets[metric].initial.ratio >= 3.5;
  budgets[metric].everything.ok = budgets[metric].everything.ratio >= 1.9;
  const b = budgets[metric];
  console.log(`\n${metric}: lightest bell + inbox peer is ${lightest.id} (${kib(lightest[metric])} KiB); `
    + `initial ${b.initial.ratio.toFixed(2)}× below (need ≥3.5: ${b.initial.ok ? 'pass' : 'FAIL'}), `
    + `everything ${b.everything.ratio.toFixed(2)}× below (need ≥1.9: ${b.everything.ok ? 'pass' : 'FAIL'})`);
}

const failed = results.filter((r) => r.error);
if (failed.length) console.log(`\nfailed to bundle: ${failed.map((r) => `${r.id} (${r.error})`).join('; ')}`);

const gitHead = (() => {
  try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(); } catch { return null; }
})();
writeFileSync(join(here, 'results.json'), `${JSON.stringify({
  date: new Date().toISOString(),
  esbuild: esbuildVersion,
  node: process.version,
  ours: {
    gitHead,
    distBuilt: new Date(distBuilt).toISOString(),
    measuredBy: 'scripts/size.mjs (code splitting; "upfront" = entry chunk + static imports, "all" = every chunk)',
  },
  settings: { ...settings, write: undefined, logLevel: undefined },
  kib: 1024,
  note: 'min/gzip are JS + CSS (each gzip -9 on its own); external lists what was left out of the bundle',
  results,
  budgets,
}, null, 2)}\n`);
console.log(`\nwrote ${join('bench', 'peers', 'results.json')}`);
