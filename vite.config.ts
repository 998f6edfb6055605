import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';
import { minifyTemplateLiterals } from './build/minify-template-literals.js';
import { demoServer } from './demo/demo-server.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = (path: string): string => `${root}src/${path}`;

// One `define/<tag>` entry per element, found from the files so a new element needs no config.
function defineEntries(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const tag of readdirSync(src('elements'))) {
    const file = src(`elements/${tag}/${tag}.define.ts`);
    if (existsSync(file)) entries[`define/${tag}`] = file;
  }
  return entries;
}

// The library build leaves dependencies to the app's bundler, so they are deduplicated there.
const dependencies = /^(lit|@lit\/|@lit-labs\/|nanostores|@nanostores\/)/;

const library: UserConfig = {
  plugins: [minifyTemplateLiterals()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: {
      entry: { index: src('index.ts'), core: src('headless.ts'), sw: src('sw/index.ts'), define: src('define.ts'), ...defineEntries() },
      formats: ['es'],
    },
    rolldownOptions: {
      external: (id) => dependencies.test(id),
      // One file per source module, so an app's bundler drops what it does not import.
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
};

// Everything inside, Lit included; nanostores reads process.env.NODE_ENV, which a browser lacks.
const browser: UserConfig = {
  plugins: [minifyTemplateLiterals()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    lib: {
      entry: src('browser.ts'),
      formats: ['es'],
      fileName: () => 'notif-elements.js',
    },
    rolldownOptions: {
      output: {
        // One file: the feed and the non-SSE transports, lazy in the library build, are inlined here.
        codeSplitting: false,
        // Lib mode keeps whitespace in ES output for a later bundler's tree-shaking; this file has
        // no later bundler, so it is minified whole (123.6 -> 97.9 KB, gzip 36.7 -> 33.0 KB).
        minify: true,
        // V8's explicit compile hint: the page uses nearly all of this file within its first
        // seconds, so it is compiled with the script (off the main thread when streamed) instead
        // of function by function on first call, which was 11-26 ms of the feed's first render.
        postBanner: '//# allFunctionsCalledOnLoad',
      },
    },
  },
};

// The prebuilt service worker, one classic script with no imports (`dist/notif-sw.js`).
const worker: UserConfig = {
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    lib: { entry: src('sw/prebuilt.ts'), formats: ['es'], fileName: () => 'notif-sw.js' },
    rolldownOptions: { output: { codeSplitting: false, minify: true } },
  },
};

// `npm start`: the demo page and a real push source on one origin, on loopback unless HOST says otherwise.
const demo: UserConfig = {
  root: 'demo',
  plugins: [demoServer()],
  server: {
    host: process.env.HOST ?? '127.0.0.1',
    port: Number(process.env.PORT) || 5173,
    strictPort: Boolean(process.env.PORT),
  },
};

export default defineConfig(({ command, mode }) => {
  if (command === 'serve') return demo;
  if (mode === 'sw') return worker;
  return mode === 'browser' ? browser : library;
});
