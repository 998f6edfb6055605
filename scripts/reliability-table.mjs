// The reliability tables, from the figures the fault scenarios recorded in their
// last run (test-results/reliability.json, written by test/servers/scenario-report.js).
// The catalogue (every scenario, then what each run measured per transport) goes to
// docs/reliability.md; README.md gets one line per group of scenarios.
//   node scripts/reliability-table.mjs           prints the catalogue
//   node scripts/reliability-table.mjs --write   replaces both in docs/reliability.md and README.md
//   node scripts/reliability-table.mjs --check   fails when a scenario has no figure
//   node scripts/reliability-table.mjs --reset   forgets the last run's figures (before a full run)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { scenarios } from '../test/scenarios/catalog.js';

const REPORT = 'test-results/reliability.json';
const DOC = 'docs/reliability.md';
const README = 'README.md';
const TRANSPORTS = { S: 'SSE', W: 'WebSocket', P: 'poll', UI: 'elements' };
/** The README's summary rows: scenarios by id range, first and last id included. */
const GROUPS = [
  ['F01', 'F08', 'dropped, silent or refused connections, and the backoff'],
  ['F09', 'F10', 'a server that restarted or lost the history'],
  ['F11', 'F21', 'HTTP statuses, redirects, credentials and close codes'],
  ['F22', 'F30', 'malformed, oversized and hostile data'],
  ['F31', 'F35', 'duplicates, reordering, bursts and a soak'],
  ['F36', 'F39', 'offline, hidden tab, back-forward cache and API misuse'],
  ['F47', 'F47', 'an XSS corpus in every field'],
];

if (process.argv.includes('--reset')) {
  rmSync(REPORT, { force: true });
  process.exit(0);
}

/** @type {Record<string, { id: string, transport: string, expect: string, measured: string, at?: string }>} */
let figures;
try {
  figures = JSON.parse(readFileSync(REPORT, 'utf8'));
} catch {
  console.error(`${REPORT} is missing: run the tests first (npm test)`);
  process.exit(1);
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
/** One scenario on one transport: 'pass' (a figure: recorded only after its assertions passed), 'gap' or 'missing'. */
const result = (scenario, transport) =>
  figures[`${scenario.id} ${transport}`] ? 'pass' : scenario.gaps?.[transport] ? 'gap' : 'missing';
const mark = { pass: '✅', gap: '❌ open', missing: '⚠️ not run' };
const missing = scenarios.flatMap((s) => s.transports.filter((t) => result(s, t) === 'missing').map((t) => `${s.id} ${t}`));

/** docs/reliability.md: an index table of short cells, then each scenario's figures as a list. */
function catalogue() {
  const last = Object.values(figures).map((f) => f.at ?? '').sort().at(-1);
  const lines = [
    `Figures from the last \`npm test\`${last ? ` (${last.slice(0, 10)})` : ''}: ✅ = the scenario's assertions passed and it recorded what it measured.`,
    '',
    '| ID | fault | expected | result |',
    '|---|---|---|---|',
    ...scenarios.map(
      (s) =>
        `| [${s.id}](#${s.id.toLowerCase()}) | ${cell(s.fault)} | ${cell(s.expect)} | ` +
        `${s.transports.map((t) => `${t} ${mark[result(s, t)]}`).join(' · ')} |`,
    ),
  ];
  for (const s of scenarios) {
    lines.push('', `### ${s.id}`, '', `**Fault**: ${s.fault}. **Expected**: ${s.expect}.`, '');
    for (const t of s.transports) {
      const figure = figures[`${s.id} ${t}`];
      const text = figure ? figure.measured : s.gaps?.[t] ? `❌ open: ${s.gaps[t]}` : 'not run (no figure in the last run)';
      lines.push(`- **${TRANSPORTS[t] ?? t}**: ${text.replace(/\n/g, ' ')}`);
    }
  }
  return lines.join('\n');
}

/** README.md: one row per group, with how many scenario × transport runs passed. */
function summary() {
  const groups = GROUPS.map(([from, to, name]) => ({ name, from, to, members: scenarios.filter((s) => s.id >= from && s.id <= to) }));
  const grouped = new Set(groups.flatMap((g) => g.members));
  const others = scenarios.filter((s) => !grouped.has(s));
  if (others.length > 0) groups.push({ name: 'other scenarios', from: others[0].id, to: others[others.length - 1].id, members: others });
  const rows = ['| faults | scenarios | passed, per transport |', '|---|---|---|'];
  for (const g of groups.filter((group) => group.members.length > 0)) {
    const runs = g.members.flatMap((s) => s.transports.map((t) => result(s, t)));
    const passed = runs.filter((r) => r === 'pass').length;
    const open = runs.filter((r) => r === 'gap').length;
    const ids = g.from === g.to ? g.from : `${g.from}–${g.to}`;
    rows.push(`| ${g.name} | [${ids}](${DOC}#${g.from.toLowerCase()}) | ${passed} of ${runs.length}${open ? `, ${open} known open` : ''} |`);
  }
  return rows.join('\n');
}

/** `path`'s text with `content` between `<!-- name:start -->` and `<!-- name:end -->`. */
function replaceBetween(path, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path} has no ${start} … ${end} section`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

if (process.argv.includes('--write')) {
  // both files are read and checked for their markers before either is written
  const doc = replaceBetween(DOC, 'reliability-table', catalogue());
  const readme = replaceBetween(README, 'reliability-summary', summary());
  writeFileSync(DOC, doc);
  writeFileSync(README, readme);
  console.log(`${DOC}: reliability catalogue with ${scenarios.length} scenarios; ${README}: its summary`);
} else if (!process.argv.includes('--check')) {
  console.log(catalogue());
}
if (missing.length > 0) {
  console.error(`scenarios without a figure (failed or not run): ${missing.join(', ')}`);
  if (process.argv.includes('--check') || process.argv.includes('--write')) process.exit(1);
}
const gaps = scenarios.flatMap((s) => Object.keys(s.gaps ?? {}).map((t) => `${s.id} ${t}`));
if (process.argv.includes('--check')) {
  console.log(`reliability: all ${scenarios.length} scenarios have figures${gaps.length ? `, except the known gaps ${gaps.join(', ')}` : ''}`);
}
