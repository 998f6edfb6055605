// The analyzer guesses event names from `dispatchEvent(new SomeEvent(x))` calls (it takes `x`).
// Our events are classes with fixed names, documented with @fires; keep only the documented ones.
const documentedEventsOnly = {
  name: 'documented-events-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.description);
      }
    }
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/browser.ts'],
  outdir: '.',
  litelement: true,
  plugins: [documentedEventsOnly],
};
