// `npm run bench:readme`: rewrites README.md's performance and peers tables from the last
// `npm run bench` (bench/results.json and bench/peers/results.json, both gitignored), between
//   <!-- bench-table:start --> … <!-- bench-table:end -->
//   <!-- peers-table:start --> … <!-- peers-table:end -->
// Nothing else in README.md is touched. Fails when a result file or a marker is missing.
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

function replaceBetween(text, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

const bench = readJson('bench/results.json');
const peers = readJson('bench/peers/results.json');
const readmePath = `${root}README.md`;
let readme = readFileSync(readmePath, 'utf8');
readme = replaceBetween(readme, 'bench-table', benchTable(bench));
readme = replaceBetween(readme, 'peers-table', peersTable(peers));
writeFileSync(readmePath, readme);
console.log('README.md: bench-table and peers-table rewritten from bench/results.json and bench/peers/results.json');
