#!/usr/bin/env node
// Story smoke test: serves the static Storybook (storybook-static/) on loopback, opens every
// story (and every docs page) from index.json in Debian's Chromium, and fails on any console
// error, uncaught exception, Storybook error screen, or failed request to the static server.
//
// One page loads iframe.html once and selects each story through Storybook's own channel, as
// the Storybook UI does (a full page load per story costs 0.5-0.8 s here, selecting one about
// 0.15 s). That also tears each story down before the next, so a timer or stub a story leaves
// behind shows up. `--reload` opens iframe.html?id=<id>&viewMode=story afresh for each instead.
//
//   npm run test:stories            builds Storybook first when it is missing or older than its sources
//   node scripts/story-smoke.mjs --build     always rebuilds first
//   node scripts/story-smoke.mjs --no-docs   stories only
//   node scripts/story-smoke.mjs --reload    a fresh page load per story (slower; for isolating a failure)
//   node scripts/story-smoke.mjs <filter>    only ids containing <filter>
//
// Prints one line per story and, last, `N passed, M failed` (CI reads that line).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const staticDir = join(root, 'storybook-static');
const indexFile = join(staticDir, 'index.json');
const args = process.argv.slice(2);
const filter = args.find((arg) => !arg.startsWith('--'));
const withDocs = !args.includes('--no-docs');

/** How long one story may take to render before it counts as failed. */
const RENDER_TIMEOUT_MS = 15_000;

// Only this message is tolerated. Chromium reports "ResizeObserver loop completed with
// undelivered notifications" as an error event when a ResizeObserver callback changes layout
// that it observes in the same frame; the observer simply runs again next frame. Storybook's
// docs blocks and the feed's list (it learns row heights as rows render) both observe sizes they affect, so
// the message says nothing about our elements, and browsers do not show it to users.
const BENIGN = [/ResizeObserver loop (completed with undelivered notifications|limit exceeded)/];

// ---- build when needed -----------------------------------------------------------------

/** Newest modification time under `path` (a file or a folder), skipping nothing but node_modules. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

const sources = ['src', 'stories', '.storybook', 'custom-elements.json', 'package.json', 'vite.config.ts'].map((p) => join(root, p));
const stale = !existsSync(indexFile) || Math.max(...sources.map(newest)) > statSync(indexFile).mtimeMs;
if (args.includes('--build') || stale) {
  console.log(existsSync(indexFile) ? 'storybook-static/ is older than its sources: rebuilding' : 'no storybook-static/: building');
  const build = spawnSync('npm', ['run', '--silent', 'build-storybook'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('build-storybook failed');
    process.exit(1);
  }
}

// ---- static server ---------------------------------------------------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  // Chromium asks for /favicon.ico on its own (iframe.html links no icon); it is no request of the stories.
  if (path === '/favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  const file = normalize(join(staticDir, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(staticDir + sep)) {
    response.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    // Cached for the run: every story loads the same preview bundle.
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('.html') || file.endsWith('index.json') ? 'no-cache' : 'max-age=3600',
    });
    response.end(body);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

// ---- the stories -----------------------------------------------------------------------

const index = JSON.parse(await readFile(indexFile, 'utf8'));
const entries = Object.values(index.entries)
  .filter((entry) => entry.type === 'story' || (withDocs && entry.type === 'docs'))
  .filter((entry) => !filter || entry.id.includes(filter));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
const page = await context.newPage();

/** Problems seen while the current story is open. */
let problems = [];
const ours = (url) => url.startsWith(origin);

page.on('console', (message) => {
  if (message.type() !== 'error') return;
  const text = message.text();
  if (!BENIGN.some((pattern) => pattern.test(text))) problems.push(`console error: ${text}${message.location().url ? ` (${message.location().url})` : ""}`);
});
page.on('pageerror', (error) => {
  const text = error.stack ?? String(error);
  if (!BENIGN.some((pattern) => pattern.test(text))) problems.push(`uncaught: ${text}`);
});
/** Requests to the static server still on their way; a story is done only when they are. */
const inflight = new Set();
page.on('request', (request) => {
  if (ours(request.url())) inflight.add(request);
});
page.on('requestfinished', (request) => inflight.delete(request));
page.on('requestfailed', (request) => {
  inflight.delete(request);
  if (!ours(request.url())) return;
  const reason = request.failure()?.errorText ?? 'unknown';
  // A docs page's story frames load lazily; leaving the page removes them and aborts what they
  // were loading. That is Storybook tearing a frame down, not the server failing a request.
  if (reason === 'net::ERR_ABORTED' && frameGone(request)) return;
  problems.push(`request failed: ${request.url()} (${reason})`);
});

function frameGone(request) {
  try {
    return request.frame().isDetached();
  } catch {
    return true;
  }
}

/** Waits (up to `ms`) until no request to the static server has been in flight for `quietMs`. */
async function networkSettled(quietMs, ms = 3000) {
  const deadline = Date.now() + ms;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (inflight.size) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
page.on('response', (response) => {
  if (ours(response.url()) && response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
});

/**
 * Runs in the page: selects a story (or docs page) through Storybook's own channel, as the
 * manager does, and resolves with what Storybook reported. The previous story is torn down
 * first (its hooks' cleanups run), so leaking timers or stubs would show in later stories.
 */
function selectStory([storyId, viewMode, timeoutMs]) {
  const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
  // Story frames on a docs page post their own events to this window's channel, under the
  // same ids: only a render that this page shows counts.
  const shownHere = () =>
    window.__STORYBOOK_PREVIEW__.currentRender?.id === storyId &&
    document.body.classList.contains('sb-show-main') &&
    Boolean(document.getElementById(viewMode === 'docs' ? 'storybook-docs' : 'storybook-root')?.firstElementChild);
  return new Promise((resolve) => {
    const outcomes = {
      storyRendered: (id) => id === storyId && shownHere() && { ok: true },
      docsRendered: (id) => id === storyId && shownHere() && { ok: true },
      storyErrored: (error) => ({ ok: false, error: `Storybook error screen: ${error?.title ?? ''} ${error?.description ?? ''}`.trim() }),
      storyThrewException: (error) => ({ ok: false, error: `story threw: ${error?.stack ?? error?.message ?? String(error)}` }),
      playFunctionThrewException: (error) => ({ ok: false, error: `play function threw: ${error?.message ?? String(error)}` }),
      storyMissing: (id) => ({ ok: false, error: `story missing: ${id}` }),
    };
    const listeners = Object.entries(outcomes).map(([event, outcome]) => {
      const listener = (value) => {
        const result = outcome(value);
        if (result) finish(result);
      };
      channel.on(event, listener);
      return [event, listener];
    });
    const timer = setTimeout(() => finish({ ok: false, error: `not rendered within ${timeoutMs} ms` }), timeoutMs);
    function finish(result) {
      clearTimeout(timer);
      for (const [event, listener] of listeners) channel.off(event, listener);
      resolve(result);
    }
    channel.emit('setCurrentStory', { storyId, viewMode });
  });
}

/** Runs in the page: is the story on screen, or did Storybook show its error screen? (for `--reload`) */
function storyShown(mode) {
  const body = document.body;
  if (body.classList.contains('sb-show-errordisplay')) return 'error';
  if (!body.classList.contains('sb-show-main')) return false;
  if (mode === 'docs') return document.querySelector('#storybook-docs .sbdocs-content') ? 'ok' : false;
  return document.getElementById('storybook-root')?.firstElementChild ? 'ok' : false;
}

/**
 * Runs in the page: a docs page shows some stories in their own lazy frames. Those that
 * started loading (the ones in view) must finish rendering, so what they load and log is
 * counted here; the rest are covered by their own story.
 */
async function framesReady(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const frames = [...document.querySelectorAll('#storybook-docs iframe')];
  const started = (frame) => frame.contentWindow?.location.href.includes('iframe.html');
  const done = (frame) => {
    const body = frame.contentDocument?.body;
    if (!body) return false;
    if (body.classList.contains('sb-show-errordisplay')) return true;
    return Boolean(frame.contentDocument.getElementById('storybook-root')?.firstElementChild);
  };
  while (Date.now() < deadline) {
    if (frames.filter(started).every(done)) return frames.filter(started).length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return -1;
}

/**
 * Runs in the page: every notif-* element (shadow roots included) is defined and has finished
 * updating. A docs page reports itself rendered before its story blocks have rendered their
 * stories, so it is looked at again until one shows (or `timeoutMs` passes: then none did).
 */
async function elementsReady([mode, timeoutMs]) {
  const deadline = Date.now() + timeoutMs;
  const root = document.getElementById(mode === 'docs' ? 'storybook-docs' : 'storybook-root') ?? document;
  let found = [];
  let framed;
  const walk = (node) => {
    for (const element of node.querySelectorAll('*')) {
      if (element.localName.startsWith('notif-')) found.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  for (;;) {
    found = [];
    walk(root);
    // A docs page may show some stories in their own (lazy) frames; those are checked as stories.
    framed = root.querySelectorAll('iframe').length;
    if (found.length || framed || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // The feed, the preferences and the toast are registered on first use: give their chunks the time left.
  const tags = [...new Set(found.map((el) => el.localName))];
  await Promise.race([
    Promise.all(tags.map((tag) => customElements.whenDefined(tag))),
    new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
  ]);
  const undefinedTags = tags.filter((tag) => !customElements.get(tag));
  await Promise.all(found.map((el) => el.updateComplete));
  // Two frames: store batches apply on the next frame, and the virtualized list lays out after that.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return { count: found.length, framed, undefinedTags };
}

const reload = args.includes('--reload');
let passed = 0;
const failures = [];
const started = performance.now();

if (!reload) {
  // One preview for the whole run: loading it costs more than rendering most stories.
  await page.goto(`${origin}/iframe.html`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__STORYBOOK_PREVIEW__ && window.__STORYBOOK_ADDONS_CHANNEL__);
  await page.evaluate(() => window.__STORYBOOK_PREVIEW__.ready());
}

for (const entry of entries) {
  problems = [];
  const mode = entry.type === 'docs' ? 'docs' : 'story';
  const t0 = performance.now();
  try {
    if (reload) {
      await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${mode}`, { waitUntil: 'load' });
      const shown = await page.waitForFunction(storyShown, mode, { timeout: RENDER_TIMEOUT_MS });
      if ((await shown.jsonValue()) === 'error') {
        const message = await page.locator('#error-message').textContent().catch(() => '');
        problems.push(`Storybook error screen: ${message?.trim() || '(no message)'}`);
      }
    } else {
      const result = await page.evaluate(selectStory, [entry.id, mode, RENDER_TIMEOUT_MS]);
      if (!result.ok) problems.push(result.error);
    }
    if (!problems.length) {
      const { count, framed, undefinedTags } = await page.evaluate(elementsReady, [mode, RENDER_TIMEOUT_MS]);
      if (count === 0 && framed === 0) problems.push('no notif-* element rendered');
      for (const tag of undefinedTags) problems.push(`<${tag}> is not defined`);
    }
    if (mode === 'docs' && !problems.length) {
      if ((await page.evaluate(framesReady, RENDER_TIMEOUT_MS)) < 0) problems.push('a story frame on the docs page did not render');
    }
    // What the story asked for is answered before the next story starts, so failures land on the right one.
    // A docs page's frames fetch in steps (page, scripts, then index.json), so they get a longer quiet period.
    await networkSettled(mode === 'docs' ? 150 : 30);
  } catch (error) {
    problems.push(`did not render: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const ms = Math.round(performance.now() - t0);
  const label = `${mode === 'docs' ? 'docs ' : 'story'} ${entry.id}`;
  if (problems.length) {
    failures.push({ label, problems: [...problems] });
    console.log(`FAIL ${label} (${ms} ms)`);
    // The message and the top of its stack are enough to find the story's line.
    for (const problem of problems) console.log(`     ${problem.split('\n').slice(0, 4).join('\n     ')}`);
  } else {
    passed++;
    console.log(`ok   ${label} (${ms} ms)`);
  }
}

await browser.close();
server.close();

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.log(`\n${failures.length} failing:`);
  for (const failure of failures) console.log(`  ${failure.label}: ${failure.problems.map((p) => p.split('\n')[0]).join(' | ')}`);
}
console.log(`\n${entries.length} pages in ${seconds} s`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length || entries.length === 0 ? 1 : 0);
