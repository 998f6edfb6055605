// npm run bench:trace: where the time of the figures that miss their targets goes. It runs the
// cold burst and the big feed's first render (the same pages as npm run bench) under a Chromium
// trace and a CPU profile, and splits each page's window (bench:window-start -> bench:window-end,
// user-timing marks set by the page) into GC, style and layout, paint, script by source module
// (through the bundle's source map) and idle. Tracing and sampling slow the page down, so the
// shares are what to read, not the absolute times: those come from npm run bench.
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage as openBenchPage, quietWatcher } from './browser.mjs';
import { startServer } from './server.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 3);
const BURST = 10_000;
const bundle = fileURLToPath(new URL('../dist/browser/notif-elements.js', import.meta.url));
const sourceMap = new TraceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'disabled-by-default-v8.gc'];
const GC = new Set(['MinorGC', 'MajorGC']);
const STYLE_LAYOUT = new Set(['UpdateLayoutTree', 'Layout']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'CompositeLayers']);

/** A CPU profile frame's source module: our src/ file, a package, or what V8 calls it. */
function moduleOf(callFrame) {
  if (!callFrame.url) return callFrame.functionName || '(native)';
  if (!callFrame.url.endsWith('/notif-elements.js')) return `page: ${callFrame.url.split('/').pop()}`;
  const { source } = originalPositionFor(sourceMap, { line: callFrame.lineNumber + 1, column: callFrame.columnNumber });
  if (!source) return 'notif-elements.js (unmapped)';
  const inPackage = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return inPackage ? inPackage[1] : source.replace(/^.*?\bsrc\//, 'src/');
}

/** Sums of durations over [from, to] on the renderer's main thread, counting nested events once. */
function breakdown(traceEvents, profile) {
  const thread = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const main = traceEvents.filter((e) => e.pid === thread.pid && e.tid === thread.tid);
  const mark = (name) => main.find((e) => e.name === name && e.cat.includes('user_timing'))?.ts;
  const from = mark('bench:window-start');
  const to = mark('bench:window-end');
  if (from === undefined || to === undefined) throw new Error('the page set no bench:window-start/end marks');
  const spans = main.filter((e) => e.ph === 'X' && e.dur && e.ts >= from && e.ts + e.dur <= to);
  const outermost = (names) => {
    const picked = spans.filter((e) => names.has(e.name)).sort((a, b) => a.ts - b.ts);
    let end = -Infinity;
    let sum = 0;
    for (const e of picked) {
      if (e.ts >= end) sum += e.dur;
      end = Math.max(end, e.ts + e.dur);
    }
    return sum / 1000;
  };
  const window = (to - from) / 1000;
  const busy = outermost(new Set(['ThreadControllerImpl::RunTask']));
  const row = { window, busy, idle: window - busy, gc: outermost(GC), 'style + layout': outermost(STYLE_LAYOUT), paint: outermost(PAINT) };

  // Script: the profile's samples in the window, each charged to the module of its leaf frame.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const script = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const next = profile.timeDeltas[i + 1] ?? 0;
    if (at < from || at > to) return;
    const name = moduleOf(nodes.get(id).callFrame);
    // Idle, GC and the engine's own work ("(program)": style, layout, paint, parsing...) come from the trace.
    if (['(idle)', '(garbage collector)', '(program)', '(root)'].includes(name)) return;
    script.set(name, (script.get(name) ?? 0) + next / 1000);
  });
  row['script (sampled JS)'] = [...script.values()].reduce((a, b) => a + b, 0);
  return { row, script };
}

async function traced(browser, page, run) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: CATEGORIES });
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = await cdp.send('Profiler.stop');
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  return { result, ...breakdown(traceEvents, profile) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function report(title, runs) {
  console.log(`\n## ${title}: median of ${runs.length} traced runs (ms)\n`);
  console.log('| part | median | runs |\n|---|--:|---|');
  for (const key of Object.keys(runs[0].row)) {
    const values = runs.map((r) => r.row[key]);
    console.log(`| ${key} | ${median(values).toFixed(1)} | ${values.map((v) => v.toFixed(1)).join(', ')} |`);
  }
  const modules = new Map();
  for (const r of runs) for (const [name, ms] of r.script) modules.set(name, [...(modules.get(name) ?? []), ms]);
  const rows = [...modules].map(([name, values]) => [name, median([...values, ...Array(runs.length - values.length).fill(0)])]);
  console.log('\nScript by module (self time of sampled frames, median):\n\n| module | ms |\n|---|--:|');
  for (const [name, ms] of rows.sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${name} | ${ms.toFixed(1)} |`);
}

const server = await startServer();
const browser = await launchBrowser();
const untilQuiet = await quietWatcher(browser);
// As in npm run bench: each run starts once the browser is quiet (bench/browser.mjs says why).
const openPage = async (name) => {
  const opened = await openBenchPage(browser, server.origin, name);
  await untilQuiet();
  return opened;
};

try {
  const bursts = [];
  const feeds = [];
  for (let i = 0; i < RUNS; i++) {
    const channel = `trace-burst-${i}`;
    server.hub.control(channel, { action: 'publish', count: BURST });
    const burst = await openPage('burst');
    bursts.push(await traced(browser, burst.page, () => burst.page.evaluate(([url, n]) => globalThis.runBurst(url, n), [`/hub/${channel}/sse`, BURST])));
    await burst.context.close();
    const feed = await openPage('bigfeed');
    feeds.push(await traced(browser, feed.page, () => feed.page.evaluate(() => globalThis.runBigFeed(100_000, 200))));
    await feed.context.close();
    process.stdout.write(`  traced run ${i + 1}/${RUNS}\n`);
  }
  report('burst: connection open -> settled (cold page)', bursts);
  report('big feed: store.add(100,000) -> first row painted', feeds);
} finally {
  await browser.close();
  await server.close?.();
}
