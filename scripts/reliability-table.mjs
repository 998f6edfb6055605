// The README's reliability table, from the figures the fault scenarios
// recorded in their last run (test-results/reliability.json, written by
// test/servers/scenario-report.js).
//   node scripts/reliability-table.mjs           prints the table
//   node scripts/reliability-table.mjs --write   replaces it in README.md
//   node scripts/reliability-table.mjs --check   fails when a scenario has no figure
//   node scripts/reliability-table.mjs --reset   forgets the last run's figures (before a full run)
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { scenarios } from '../test/scenarios/catalog.js';

const REPORT = 'test-results/reliability.json';
const START = '<!-- reliability-table:start -->';
const END = '<!-- reliability-table:end -->';

if (process.argv.includes('--reset')) {
  rmSync(REPORT, { force: true });
  process.exit(0);
}

/** @type {Record<string, { id: string, transport: string, expect: string, measured: string }>} */
let figures;
try {
  figures = JSON.parse(readFileSync(REPORT, 'utf8'));
} catch {
  console.error(`${REPORT} is missing: run the tests first (npm test)`);
  process.exit(1);
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const rows = ['| ID | fault | expected | transport: measured |', '|---|---|---|---|'];
const missing = [];
for (const scenario of scenarios) {
  const measured = scenario.transports.map((transport) => {
    const figure = figures[`${scenario.id} ${transport}`];
    const gap = scenario.gaps?.[transport];
    if (!figure && !gap) missing.push(`${scenario.id} ${transport}`);
    return `**${transport}**: ${figure ? cell(figure.measured) : gap ? `❌ ${cell(gap)}` : 'not run'}`;
  });
  rows.push(`| ${scenario.id} | ${cell(scenario.fault)} | ${cell(scenario.expect)} | ${measured.join('<br>')} |`);
}
const table = rows.join('\n');

if (process.argv.includes('--write')) {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  writeFileSync('README.md', `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
  console.log(`README.md: reliability table with ${scenarios.length} scenarios`);
} else if (!process.argv.includes('--check')) {
  console.log(table);
}
if (missing.length > 0) {
  console.error(`scenarios without a figure (failed or not run): ${missing.join(', ')}`);
  if (process.argv.includes('--check') || process.argv.includes('--write')) process.exit(1);
}
const gaps = scenarios.flatMap((s) => Object.keys(s.gaps ?? {}).map((t) => `${s.id} ${t}`));
if (process.argv.includes('--check')) {
  console.log(`reliability: all ${scenarios.length} scenarios have figures${gaps.length ? `, except the known gaps ${gaps.join(', ')}` : ''}`);
}
