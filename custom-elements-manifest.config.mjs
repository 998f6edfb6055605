// Two corrections to what the analyzer infers:
// - it guesses event names from `dispatchEvent(new SomeEvent(x))` (it takes `x`); our events
//   are classes with fixed names documented with @fires, so only documented events are kept;
// - it lists Lit's internal reactive state (`_name: { state: true }`) as attributes and public
//   fields; `_`-prefixed names are internal by our convention.
const isInternal = (entry) => entry.name.startsWith('_');
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

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/browser.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publicApiOnly],
};
