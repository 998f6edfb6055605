// Storybook for notif-elements: web components on Vite, fully offline, no telemetry.
/// <reference types="node" />
import { dirname } from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';
import type { InlineConfig, PluginOption } from 'vite';

/** The `npm start` demo plugin from vite.config.ts: its push endpoints belong to the demo page, not to Storybook. */
const DEMO_PLUGIN = 'notif-demo-server';

function isDemoPlugin(plugin: PluginOption): boolean {
  return typeof plugin === 'object' && plugin !== null && !Array.isArray(plugin) && 'name' in plugin && plugin.name === DEMO_PLUGIN;
}

/** Plugins may be nested arrays (presets return several); keep the nesting, drop the demo plugin. */
function withoutDemoPlugin(plugins: PluginOption[]): PluginOption[] {
  return plugins.filter((plugin) => !isDemoPlugin(plugin)).map((plugin) => (Array.isArray(plugin) ? withoutDemoPlugin(plugin) : plugin));
}

/**
 * Storybook's Vite builder loads the project's vite.config.ts, whose default export is the
 * library build (build.lib, dependencies external, one file per module) or, for `serve`,
 * the demo (root `demo/`, the demo server plugin, its own host and port). Stories need an
 * app build with Lit bundled in, from the project root, so all of that goes.
 */
function forStorybook(config: InlineConfig, root: string, production: boolean): InlineConfig {
  const build = { ...config.build };
  delete build.lib;
  const bundler = { ...build.rolldownOptions };
  // The library's `external` is a function (every dependency); Storybook's own is a list (its fonts): keep that one.
  if (typeof bundler.external === 'function') delete bundler.external;
  if (bundler.output && !Array.isArray(bundler.output)) {
    const output = { ...bundler.output };
    delete output.preserveModules;
    delete output.preserveModulesRoot;
    delete output.entryFileNames;
    bundler.output = output;
  }
  build.rolldownOptions = bundler;
  // Storybook's own docs renderer is one ~1 MB chunk; that is not ours to split.
  build.chunkSizeWarningLimit = 1500;

  const server = { ...config.server };
  // The demo's loopback host and PORT; Storybook's CLI flags choose where it listens.
  delete server.host;
  delete server.port;
  delete server.strictPort;

  return {
    ...config,
    // Storybook's builder already puts the project root over the demo's `root: 'demo'`; say so explicitly.
    root,
    build,
    server,
    plugins: withoutDemoPlugin(config.plugins ?? []),
    optimizeDeps: {
      ...config.optimizeDeps,
      // The web-components renderer imports this Lit module itself; pre-bundled with the rest of
      // Lit, the dev server loads one copy of lit-html instead of two ("Multiple versions of Lit").
      include: [...(config.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'],
    },
    define: {
      ...config.define,
      // nanostores reads process.env.NODE_ENV, which a browser does not have.
      'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
    },
  };
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages (the `autodocs` tag) with argTypes, descriptions, parts, slots and CSS properties from custom-elements.json.
  addons: ['@storybook/addon-docs'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  viteFinal(viteConfig, { configDir, configType }) {
    return forStorybook(viteConfig, dirname(configDir), configType === 'PRODUCTION');
  },
};

export default config;
