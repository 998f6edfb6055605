// Every code block in the README is exercised: TypeScript, TSX and JavaScript blocks are
// type-checked against the built package; HTML and CSS blocks may only use elements,
// attributes, custom properties and parts that custom-elements.json documents; the wire
// format examples must decode without a single error; npm commands must exist. Browser code
// blocks and every `import '…'` line the README shows are also bundled with Vite.
// `text` blocks are signatures, not code. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';
import { decodeMessage } from '../dist/core.js';

const readme = readFileSync('README.md', 'utf8');
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const elements = new Map(
  manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, d]),
);
const blocks = [...readme.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1],
  code: m[2],
  line: readme.slice(0, m.index).split('\n').length,
}));

const failures = [];
let passed = 0;
const fail = (block, message) => failures.push(`README.md:${block.line} (${block.lang}): ${message}`);

// --- TypeScript / TSX / JS: type-checked ---------------------------------------------
const dir = '.readme-check';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir);
const browserFiles = [];
const nodeFiles = [];
for (const block of blocks.filter((b) => ['ts', 'tsx', 'js'].includes(b.lang))) {
  const file = `block-${block.line}.${block.lang}`;
  writeFileSync(`${dir}/${file}`, `${block.code}\nexport {};\n`);
  (block.code.includes("from 'node:") ? nodeFiles : browserFiles).push(file);
}
// Names the snippets assume the reader's app has.
writeFileSync(
  `${dir}/app-globals.d.ts`,
  `declare function token(): string;
declare function track(event: string): void;
declare const router: { go(url?: string): void };
declare const feed: import('notif-elements').NotifFeed;
declare const VAPID_PUBLIC_KEY: string;
declare const api: { post(url: string, body: unknown): Promise<void> };
`,
);
const base = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, allowJs: true, checkJs: true, skipLibCheck: true };
writeFileSync(
  `${dir}/tsconfig.browser.json`,
  JSON.stringify({ compilerOptions: { ...base, lib: ['ES2023', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx', types: ['react'] }, files: ['app-globals.d.ts', ...browserFiles] }),
);
writeFileSync(`${dir}/tsconfig.node.json`, JSON.stringify({ compilerOptions: { ...base, lib: ['ES2023'], types: ['node'] }, files: nodeFiles }));
for (const [config, files] of [['browser', browserFiles], ['node', nodeFiles]]) {
  if (!files.length) continue;
  try {
    execFileSync('npx', ['tsc', '-p', `${dir}/tsconfig.${config}.json`], { stdio: 'pipe' });
    passed += files.length;
  } catch (error) {
    failures.push(`type check of the README's ${config} code blocks failed:\n${error.stdout}`);
  }
}

// --- Bundled as an app would: every browser code block and every documented import line ---
// Type-checking alone let `import 'notif-elements/types/jsx'` through while every bundler
// stopped on it (the export had only a `types` condition). Vite builds each snippet against
// the package as installed (a node_modules link to this folder, resolved through `exports`).
const importLines = new Set();
for (const [, line] of readme.matchAll(/`(import (?:type )?(?:[^`]* from )?'notif-elements[^']*';?)`/g)) importLines.add(line);
const entries = {};
for (const file of browserFiles) entries[file.replace(/\W/g, '_')] = resolve(dir, file);
[...importLines].forEach((line, i) => {
  const file = `import-line-${i}.ts`;
  writeFileSync(`${dir}/${file}`, `${line.endsWith(';') ? line : `${line};`}\nexport {};\n`);
  entries[file.replace(/\W/g, '_')] = resolve(dir, file);
});
mkdirSync(`${dir}/node_modules`, { recursive: true });
symlinkSync(process.cwd(), `${dir}/node_modules/notif-elements`, 'dir');
try {
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: false, rollupOptions: { input: entries } },
  });
  passed += Object.keys(entries).length;
} catch (error) {
  failures.push(`bundling the README's browser code blocks and import lines with Vite failed:\n${error instanceof Error ? error.message : String(error)}`);
}

// --- HTML: documented elements and attributes only ------------------------------------
const globalAttributes = new Set(['id', 'class', 'slot', 'style', 'lang', 'dir', 'hidden', 'part', 'title']);
for (const block of blocks.filter((b) => b.lang === 'html')) {
  let ok = true;
  for (const [, tag, attrs] of block.code.matchAll(/<(notif-[a-z-]+)([^>]*)>/g)) {
    const element = elements.get(tag);
    if (!element) {
      fail(block, `<${tag}> is not a documented element`);
      ok = false;
      continue;
    }
    const known = new Set((element.attributes ?? []).map((a) => a.name));
    for (const [, name] of attrs.matchAll(/\s([a-z-]+)(?==|\s|$)/g)) {
      if (!known.has(name) && !globalAttributes.has(name)) {
        fail(block, `<${tag}> has no attribute "${name}"`);
        ok = false;
      }
    }
  }
  if (ok) passed++;
}

// --- CSS: documented custom properties and parts only ---------------------------------
const cssProperties = new Set([...elements.values()].flatMap((e) => (e.cssProperties ?? []).map((p) => p.name)));
for (const block of blocks.filter((b) => b.lang === 'css')) {
  let ok = true;
  for (const [property] of block.code.matchAll(/--notif-[a-z-]+/g)) {
    if (!cssProperties.has(property)) {
      fail(block, `${property} is not documented by any element`);
      ok = false;
    }
  }
  for (const [, tag, part] of block.code.matchAll(/(notif-[a-z-]+)::part\(([a-z-]+)\)/g)) {
    if (!(elements.get(tag)?.cssParts ?? []).some((p) => p.name === part)) {
      fail(block, `${tag} has no part "${part}"`);
      ok = false;
    }
  }
  if (ok) passed++;
}

// --- The wire format: every example decodes cleanly ----------------------------------
function topLevelValues(text) {
  const values = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) values.push(text.slice(start, i + 1));
  }
  return values;
}
for (const block of blocks.filter((b) => b.lang === 'jsonc')) {
  const json = block.code.replace(/\/\/.*$/gm, '').replace(/…/g, '');
  let ok = true;
  for (const value of topLevelValues(json)) {
    const decoded = decodeMessage(value);
    if (decoded.errors.length) {
      fail(block, `${value.replace(/\s+/g, ' ').slice(0, 60)}… → ${decoded.errors.map((e) => e.message).join('; ')}`);
      ok = false;
    }
  }
  if (ok) passed++;
}

// --- Shell: the npm commands exist ----------------------------------------------------
for (const block of blocks.filter((b) => b.lang === 'sh')) {
  let ok = true;
  for (const [, name] of block.code.matchAll(/npm (?:run )?(start|test|[a-z][\w:-]*)/g)) {
    if (['install', 'ci', 'run'].includes(name)) continue;
    if (!scripts[name]) {
      fail(block, `npm script "${name}" does not exist`);
      ok = false;
    }
  }
  if (ok) passed++;
}

const unchecked = blocks.filter((b) => !['ts', 'tsx', 'js', 'html', 'css', 'jsonc', 'sh', 'text'].includes(b.lang));
for (const block of unchecked) fail(block, 'no check exists for this language: mark it `text` or add one');

for (const failure of failures) console.error(failure);
console.log(`readme: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
