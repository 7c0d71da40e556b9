// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * DESIGN.md's dependency direction, one rule set per area:
 * renderer → electron/contract; electron/* → electron/core → services/domain;
 * services/* → services/domain; services/domain → nothing with I/O.
 * Cross-area imports are relative paths, so each rule matches the folder names in them.
 */
const nodeBuiltins = { regex: '^node:', message: 'This layer runs without Node.js built-ins.' };
const ioPackages = {
  regex: '^(pg|ioredis|bullmq|mqtt|dockerode|ssh2|ws|fastify|@fastify/.*|electron)$',
  message: 'services/domain is pure: no I/O libraries.',
};
const electronPackage = {
  regex: '^electron$',
  message: "Only electron/main and electron/preload may import 'electron'.",
};

/** @param {string} message @param {...string} folders */
const forbidFolders = (message, ...folders) => ({ regex: `(^|/)(${folders.join('|')})(/|$)`, message });

/** @param {string[]} files @param {...object} patterns */
const layer = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/prefer-nullish-coalescing': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Handlers are async by contract even when they have nothing to await.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  layer(
    ['renderer/**/*.{ts,tsx}'],
    nodeBuiltins,
    electronPackage,
    forbidFolders(
      'The renderer talks to the rest only through electron/contract.',
      'electron/(core|main|preload|host|cli)',
      'services',
    ),
  ),
  layer(
    ['electron/contract/**/*.ts'],
    nodeBuiltins,
    electronPackage,
    forbidFolders(
      'The contract depends on nothing but its schemas.',
      'core',
      'main',
      'preload',
      'host',
      'cli',
      'renderer',
      'services',
    ),
  ),
  layer(
    ['electron/core/**/*.ts'],
    electronPackage,
    forbidFolders(
      'electron/core is plain Node, below main, preload, host and cli.',
      'main',
      'preload',
      'host',
      'cli',
      'renderer',
    ),
    forbidFolders(
      'electron/core may use only services/domain and the fixture library services/fixtures.',
      'services/(?!(domain|fixtures)/)[^/]+',
    ),
  ),
  layer(
    ['electron/preload/**/*.ts'],
    nodeBuiltins,
    forbidFolders(
      'The sandboxed preload may import only electron and the contract.',
      'core',
      'main',
      'host',
      'cli',
      'renderer',
      'services',
    ),
  ),
  // Each file matches exactly one layer: a later match would replace the rule, not add to it.
  layer(
    ['electron/main/**/*.ts'],
    forbidFolders('electron/* reaches services only through electron/core.', 'renderer', 'services'),
  ),
  layer(
    ['electron/{host,cli}/**/*.ts'],
    electronPackage,
    forbidFolders('electron/* reaches services only through electron/core.', 'renderer', 'services'),
  ),
  layer(
    ['services/domain/**/*.ts'],
    nodeBuiltins,
    ioPackages,
    forbidFolders(
      'services/domain imports nothing of the project.',
      'electron',
      'renderer',
      'runtime',
      'managair',
      'forwarder',
      'worker',
    ),
  ),
  layer(
    ['services/fixtures/**/*.ts'],
    electronPackage,
    forbidFolders(
      'services/fixtures uses only services/domain and services/database.',
      'electron',
      'renderer',
      'runtime',
      'managair',
      'forwarder',
      'worker',
      'ttn-simulator',
    ),
  ),
  layer(
    ['services/{runtime,database,managair,forwarder,worker,ttn-simulator}/**/*.ts'],
    electronPackage,
    forbidFolders('A service uses only services/domain, runtime and database.', 'electron', 'renderer'),
  ),
  {
    // The tool configs at the root belong to no tsconfig project; lint them without type information.
    files: ['*.config.{js,ts}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { parserOptions: { projectService: false } },
  },
  {
    // Tests may read their vector files and fixtures from disk.
    files: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': 'off',
      // expect.any() and friends are typed any by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
