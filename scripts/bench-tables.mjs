// `npm run bench:readme`: rewrites the generated bench tables from the last `npm run bench`
// (bench/results.json and bench/peers/results.json, both gitignored), each between its markers:
//   docs/performance.md  <!-- bench-table:start --> … <!-- bench-table:end -->     every figure
//   docs/sizes.md        <!-- peers-table:start --> … <!-- peers-table:end -->     the peers' sizes
//   README.md            <!-- bench-summary:start --> … <!-- bench-summary:end --> the figures with a target
// Nothing else in those files is touched. Fails when a result file or a marker is missing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path) => {
  if (!existsSync(`${root}${path}`)) throw new Error(`${path} is missing: run \`npm run bench\` first`);
  return JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
};

// 'Infinity' is how bench/run.mjs writes "never shown" or "not settled" into JSON
const fmt = (v) => (v === 'Infinity' ? '∞' : typeof v === 'number' && Number.isFinite(v) ? (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1)) : 'n/a');
const kib = (bytes) => (bytes / 1024).toFixed(2);
const cell = (text) => String(text).replace(/\|/g, '\\|');
const day = (iso) => (iso ? iso.slice(0, 10) : 'unknown date');

/** The performance table: every figure, median/min/max, target and status, Courier where measured. */
function benchTable(bench) {
  const m = bench.machine;
  const load = m.loadAverage ? `, 1-min load average ${m.loadAverage.before} → ${m.loadAverage.after}` : '';
  const lines = [
    `Run of ${day(bench.date)}: median of ${bench.runs} runs (min, max), Chromium ${m.chromium}, Node ${m.node}, ` +
      `${m.cpus} × ${m.cpuModel ?? 'CPU'}${load}. Status: \`pass\` = every run meets the target, ` +
      '`pass (median)` = the median does, `FAIL` = the median does not. *Courier ÷ ours* > 1 means ours is that many times faster.',
    '',
    '| group | figure | unit | median | min | max | target | status | Courier | Courier ÷ ours |',
    '|---|---|---|--:|--:|--:|---|---|--:|--:|',
  ];
  for (const f of bench.figures) {
    // a peer value at its cap means "not done by then"
    const atLeast = f.peer?.capped ? '> ' : '';
    const peer = f.peer ? `${atLeast}${fmt(f.peer.median)}` : '';
    const ratio = f.peer && f.peerRatio !== null ? `${atLeast}${f.peerRatio.toFixed(2)}×` : '';
    lines.push(`| ${f.group} | ${cell(f.name)} | ${f.unit} | ${fmt(f.median)} | ${fmt(f.min)} | ${fmt(f.max)} | ${f.target ?? ''} | ${f.status} | ${peer} | ${ratio} |`);
  }
  if (!bench.figures.some((f) => f.peer)) lines.push('', `No Courier column this run: ${bench.peers?.note ?? 'bench/peers was not installed'}.`);
  return lines.join('\n');
}

/** The peers table: gzip and minified sizes with ratios to ours, then the size ratios. */
function peersTable(peers) {
  const lines = [
    `Sizes of ${day(peers.date ?? null)}: esbuild ${peers.esbuild}, gzip -9, KiB = 1024 bytes. Ours are \`scripts/size.mjs\`'s figures ` +
      '(code splitting: "initial" counts the entry chunk and its static imports, "everything" every chunk); ' +
      'each peer is one whole bundle. *Peer ÷ ours* > 1 means ours is that many times smaller.',
    '',
    '| entry | version | gzip KiB | minified KiB | gzip ÷ our initial | gzip ÷ our everything |',
    '|---|---|--:|--:|--:|--:|',
  ];
  for (const r of peers.results) {
    if (r.error) {
      lines.push(`| ${cell(r.label)} | | failed: ${cell(r.error)} | | | |`);
      continue;
    }
    lines.push(`| ${cell(r.label)} | ${r.version ?? ''} | ${kib(r.gzip)} | ${kib(r.min)} | ${r.ratio.gzipToInitial.toFixed(2)}× | ${r.ratio.gzipToEverything.toFixed(2)}× |`);
  }
  const byId = Object.fromEntries(peers.results.map((r) => [r.id, r]));
  lines.push(
    '',
    'The issue\'s size ratios, against the lightest bell + inbox peer in its React-external or framework-free form:',
    '',
    '| bytes | lightest peer | initial: peer ÷ ours | need | status | everything: peer ÷ ours | need | status |',
    '|---|---|--:|--:|---|--:|--:|---|',
  );
  for (const [metric, b] of Object.entries(peers.budgets)) {
    const lightest = byId[b.lightest];
    const size = lightest ? ` (${kib(lightest[metric])} KiB)` : '';
    lines.push(
      `| ${metric === 'min' ? 'minified' : metric} | ${b.lightest}${size} | ${b.initial.ratio.toFixed(2)}× | ≥ ${b.initial.need}× | ${b.initial.ok ? 'pass' : 'FAIL'} ` +
        `| ${b.everything.ratio.toFixed(2)}× | ≥ ${b.everything.need}× | ${b.everything.ok ? 'pass' : 'FAIL'} |`,
    );
  }
  return lines.join('\n');
}

/** The README's performance table: only the figures with a target, one short row each. */
function benchSummary(bench) {
  const m = bench.machine;
  const lines = [
    `Run of ${day(bench.date)}, median of ${bench.runs} runs, Chromium ${m.chromium} on ${m.cpus} × ${m.cpuModel ?? 'CPU'}; ` +
      'every figure, with min and max, is in [docs/performance.md](docs/performance.md).',
    '',
    '| figure | median | target | status | Courier |',
    '|---|--:|---|---|--:|',
  ];
  for (const f of bench.figures.filter((figure) => figure.target)) {
    const unit = f.unit ? ` ${f.unit}` : '';
    const peer = f.peer ? `${f.peer.capped ? '> ' : ''}${fmt(f.peer.median)}${unit}` : '';
    lines.push(`| ${f.group}: ${cell(f.name)} | ${fmt(f.median)}${unit} | ${f.target}${unit} | ${f.status} | ${peer} |`);
  }
  return lines.join('\n');
}

/** `path`'s text with `content` between `<!-- name:start -->` and `<!-- name:end -->`. */
function replaceBetween(path, name, content) {
  const text = readFileSync(`${root}${path}`, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no ${start} … ${end} section`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

const bench = readJson('bench/results.json');
const peers = readJson('bench/peers/results.json');
// every file is read and checked for its markers before any is written
const updates = [
  ['docs/performance.md', replaceBetween('docs/performance.md', 'bench-table', benchTable(bench))],
  ['docs/sizes.md', replaceBetween('docs/sizes.md', 'peers-table', peersTable(peers))],
  ['README.md', replaceBetween('README.md', 'bench-summary', benchSummary(bench))],
];
for (const [path, text] of updates) writeFileSync(`${root}${path}`, text);
console.log('docs/performance.md, docs/sizes.md and README.md: bench tables rewritten from bench/results.json and bench/peers/results.json');
