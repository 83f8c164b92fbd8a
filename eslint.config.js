import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import layering from './.eslint/layering.js';

const repoRoot = import.meta.dirname;

// Node's own globals (process, Buffer, setTimeout, fetch …) as the running Node defines them,
// for plain-JS scripts; ES built-ins come from ecmaVersion anyway.
const nodeGlobals = Object.fromEntries(
  Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']),
);

// `_name` marks a deliberately unused binding, and `const { dropped, ...rest } = o` drops a key.
const unusedVars = [
  'error',
  { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'out/',
    'native/',
    'test-results/',
    'playwright-report/',
    'bench-results/',
    // Deliberately bad code that test/unit/lint lints on purpose.
    'test/fixtures/lint/**',
  ]),

  {
    // Silenced lint is invisible debt (STYLE.md): inline `eslint-disable` comments do nothing.
    linterOptions: { noInlineConfig: true },
  },

  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: repoRoot },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': unusedVars,
      // Functions here are `async` to fit a Promise-returning signature (createBackend, the API
      // handler table) and so that a throw becomes a rejection; "no await inside" is not a bug.
      // The bug this rule hunts, a forgotten await, is caught by no-floating-promises.
      '@typescript-eslint/require-await': 'off',
      // Banned wherever SQL is written (ARCHITECTURE.md §3).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='backup'][callee.object.name=/^(db|database)$|Db$/], " +
            "CallExpression[callee.property.name='backup'][callee.object.property.name=/^(db|database)$|Db$/]",
          message:
            'db.backup() writes a plaintext copy of an encrypted database: snapshot with ATTACH … KEY + sqlcipher_export (ARCHITECTURE.md §3).',
        },
        {
          selector: 'Literal[value=/VACUUM\\s+INTO/i], TemplateElement[value.raw=/VACUUM\\s+INTO/i]',
          message:
            'VACUUM INTO writes an unkeyed (plaintext) copy or fails under SQLCipher: snapshot with ATTACH … KEY + sqlcipher_export (ARCHITECTURE.md §3).',
        },
      ],
    },
  },

  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
    rules: { 'no-unused-vars': unusedVars },
  },

  {
    plugins: { local: { rules: { layering } } },
    rules: {
      'local/layering': [
        'error',
        {
          // test/fixtures/lint mirrors the repository layout, so its fixtures are judged as if
          // they sat in contract/, main/ … (it is ignored above and only linted by the tests).
          roots: [repoRoot, `${repoRoot}/test/fixtures/lint`],
          rendererPackages: ['react', 'react-dom', '@tanstack/*'],
        },
      ],
    },
  },
]);
