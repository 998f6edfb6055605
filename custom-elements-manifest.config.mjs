import { jsxTypesPlugin } from '@wc-toolkit/jsx-types';
import { customElementSveltePlugin } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { readFileSync, writeFileSync } from 'node:fs';

// Two corrections to what the analyzer infers:
// - it guesses event names from `dispatchEvent(new SomeEvent(x))` (it takes `x`); our events
//   are classes with fixed names documented with @fires, so only documented events are kept;
// - it lists Lit's internal reactive state (`_name: { state: true }`) as attributes and public
//   fields; `_`-prefixed names are internal by our convention, and `#private` members are
//   not API either (listing them only makes the manifest change with every refactor).
const isInternal = (entry) => entry.name.startsWith('_') || entry.name.startsWith('#') || entry.privacy === 'private';
const publicApiOnly = {
  name: 'public-api-only',
  packageLinkPhase({ customElementsManifest }) {
    // Glob order follows the file system; sorted, the manifest is the same on every machine.
    customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
        if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !isInternal(a));
        if (declaration.members) declaration.members = declaration.members.filter((m) => !isInternal(m));
      }
    }
  },
};

// The generators import an event class once per element that fires it (a duplicate
// identifier), and the JSX one names event classes without importing them. One import
// of every class the file names, deduplicated, fixes both.
const EVENT_CLASSES = /\bNotif[A-Za-z]+Event\b/g;
const tidyGeneratedTypes = {
  name: 'tidy-generated-types',
  packageLinkPhase() {
    for (const file of ['types/jsx.d.ts', 'types/vue.d.ts', 'types/svelte.d.ts']) {
      const text = readFileSync(file, 'utf8');
      const importBlock = /import type \{([^}]*)\} from "notif-elements";/;
      const match = importBlock.exec(text);
      if (!match) continue;
      const names = new Set(match[1].split(',').map((name) => name.trim()).filter(Boolean));
      for (const used of text.replace(importBlock, '').match(EVENT_CLASSES) ?? []) names.add(used);
      const sorted = [...names].sort();
      writeFileSync(file, text.replace(importBlock, `import type {\n  ${sorted.join(',\n  ')},\n} from "notif-elements";`));
    }
  },
};

export default {
  // The elements and their events are the manifest's subject; internal modules would only add churn.
  globs: ['src/elements/*/*.ts', 'src/events/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/browser.ts'],
  outdir: '.',
  litelement: true,
  // Framework typings and editor data are generated from the manifest (wc-toolkit's plugins,
  // well kept and used across web-component libraries) into types/, which the package ships.
  plugins: [
    publicApiOnly,
    jsxTypesPlugin({ outdir: './types', fileName: 'jsx.d.ts', globalTypePath: 'notif-elements' }),
    customElementVuejsPlugin({ outdir: './types', fileName: 'vue.d.ts', globalTypePath: 'notif-elements' }),
    customElementSveltePlugin({ outdir: './types', fileName: 'svelte.d.ts', globalTypePath: 'notif-elements' }),
    customElementVsCodePlugin({ outdir: './types', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' }),
    tidyGeneratedTypes,
  ],
};
