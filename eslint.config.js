// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Import directions from ARCHITECTURE.md, enforced here rather than hoped for:
 * core imports nothing with I/O; store may import core; server and cli may import
 * core and store; nobody imports the cli; web talks to the server over HTTP only.
 */
const ioModules = [
  'pg',
  'pg-*',
  '@electric-sql/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'fastify',
  'fastify/*',
  '@fastify/*',
  'react',
  'react-*',
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'stream',
  'worker_threads',
  'commander',
  'cli-progress',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/store/drizzle/**',
      '.valueweb/**',
      'coverage/**',
      'test-results/**',
      'packages/web/e2e/.axe-debug.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            'packages/cli/bin/valueweb.js',
            'packages/store/drizzle.config.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      ...restrict(
        [...ioModules, '@valueweb/*'],
        'core is pure: no I/O, no other Valueweb package (see ARCHITECTURE.md).',
      ),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core reads no environment: pass configuration in.' },
        { name: 'fetch', message: 'core does no I/O.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core takes the clock as a parameter.' },
        { object: 'Math', property: 'random', message: 'core takes a seeded random source as a parameter.' },
      ],
    },
  },
  {
    files: ['packages/store/src/**/*.ts'],
    rules: restrict(
      [
        '@valueweb/server',
        '@valueweb/server/*',
        '@valueweb/cli',
        '@valueweb/cli/*',
        '@valueweb/web',
        '@valueweb/*/src/*',
        'react',
      ],
      'store may import core only, through its entry.',
    ),
  },
  {
    files: ['packages/server/src/**/*.ts'],
    rules: restrict(
      ['@valueweb/cli', '@valueweb/cli/*', '@valueweb/web', '@valueweb/*/src/*'],
      'server may import core and store only, through their entries; it never imports the CLI.',
    ),
  },
  {
    files: ['packages/cli/src/**/*.ts'],
    rules: restrict(
      ['@valueweb/web', '@valueweb/*/src/*'],
      'cli may import core, store and server through their entries.',
    ),
  },
  {
    // The web app runs in the browser and talks to the server over HTTP only (through api/client.ts).
    files: ['packages/web/src/**/*.{ts,tsx}'],
    ignores: ['packages/web/src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [
        '@valueweb/store',
        '@valueweb/store/*',
        '@valueweb/server',
        '@valueweb/server/*',
        '@valueweb/cli',
        '@valueweb/cli/*',
        '@valueweb/*/src/*',
        'pg',
        'pg-*',
        '@electric-sql/*',
        'drizzle-orm',
        'drizzle-orm/*',
        'fastify',
        'fastify/*',
        '@fastify/*',
        'node:*',
        'fs',
        'path',
        'os',
        'child_process',
        'http',
        'https',
        'net',
        'crypto',
      ],
      'web imports core (types and pure analytics) and talks to the server over HTTP only (see ARCHITECTURE.md).',
    ),
  },
  {
    files: ['**/*.test.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/require-await': 'off' },
  },
);
