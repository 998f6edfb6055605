// Type-aware TypeScript rules plus the Lit, web-component and Lit a11y rule sets; zero warnings allowed.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/types is compile-only, checked by `npm run test:types` with its own tsconfigs; types/ is generated.
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'types/', 'test/types/', '.readme-check/', 'bench/peers/node_modules/', '.tmp/', 'bench/.startup/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // .storybook/ holds only main.ts and preview.ts (no tsconfig of its own): they are typed with tsconfig.json's options.
        projectService: { allowDefaultProject: ['.storybook/*.ts'], defaultProject: 'tsconfig.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Tests use non-null assertions on values they just checked.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Node-side TypeScript (the dev server and its demo plugin) is typed by its own tsconfig.
    files: ['vite.config.ts', 'demo/demo-server.ts', 'demo/samples.ts', 'build/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.node.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { lit, wc, 'lit-a11y': litA11y },
    rules: {
      ...lit.configs.recommended.rules,
      ...wc.configs.recommended.rules,
      ...litA11y.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // chai's `expect(x).to.be.true` style reads as an unused expression.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      // Fakes of async APIs are async without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Smoke scripts run Node, and hand functions to the browser page they drive.
    files: ['scripts/*-smoke.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // test/csp runs in the page; bench/peers entries are bundled for the browser
    files: ['test/csp/**/*.js', 'bench/peers/entries/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
