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

/** `db.backup()` writes a plaintext copy of an encrypted database (ARCHITECTURE.md §3). */
const NO_BACKUP_API = {
  selector:
    "CallExpression[callee.property.name='backup'][callee.object.name=/^(db|database)$|Db$/], " +
    "CallExpression[callee.property.name='backup'][callee.object.property.name=/^(db|database)$|Db$/]",
  message: 'db.backup() writes a plaintext copy of an encrypted database: snapshot it with main/backups/snapshotDatabase (ARCHITECTURE.md §3).',
};
/**
 * Under SQLCipher `VACUUM INTO` writes an unkeyed copy. SQLite3 Multiple Ciphers (our driver) has
 * no sqlcipher_export and writes the copy with the main database's cipher and key; the one place
 * allowed to use it, main/backups/snapshotDatabase.ts, checks the copy is encrypted and opens.
 */
const NO_VACUUM_INTO = {
  selector: 'Literal[value=/VACUUM\\s+INTO/i], TemplateElement[value.raw=/VACUUM\\s+INTO/i]',
  message: 'VACUUM INTO may write a plaintext copy: snapshot the database with main/backups/snapshotDatabase, which checks the copy (ARCHITECTURE.md §3).',
};

/**
 * Vaults made by tests may use a low scrypt cost (BackendOptions.testOnlyKdfLogN); no production
 * path may set it. The only files in main/ that may name it: where it is declared, consumed, and
 * handed on from the tests' own CLI entry (main/cli/main.ts receives it as an argument, never
 * from an option, a variable or a file).
 */
export const NO_TEST_KDF = {
  selector: "Identifier[name='testOnlyKdfLogN']",
  message: 'testOnlyKdfLogN lowers the passphrase KDF cost and is for tests only: production code must leave it unset (ARCHITECTURE.md §3).',
};
export const TEST_KDF_ALLOWED = ['main/api/types.ts', 'main/api/createBackend.ts', 'main/cli/main.ts'];

/**
 * The idle-lock tests shorten the session idle timeout below `serve --idle-minutes`' least, one
 * minute, through the tests' own CLI entry only (test/helpers/cli/testCli.ts). The one file in main/
 * that may name it: main/cli/main.ts, which receives it as an argument of main().
 */
export const NO_TEST_IDLE = {
  selector: "Identifier[name='testOnlyIdleTimeoutMs']",
  message: 'testOnlyIdleTimeoutMs shortens the session idle timeout below what users can set and is for tests only: production code must leave it unset.',
};
export const TEST_IDLE_ALLOWED = ['main/cli/main.ts'];

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
      'no-restricted-syntax': ['error', NO_BACKUP_API, NO_VACUUM_INTO],
    },
  },

  {
    files: ['main/**/*.ts'],
    ignores: TEST_KDF_ALLOWED,
    rules: { 'no-restricted-syntax': ['error', NO_BACKUP_API, NO_VACUUM_INTO, NO_TEST_KDF, NO_TEST_IDLE] },
  },

  {
    // Where the test KDF cost is declared and consumed: the idle override still may not be named.
    files: TEST_KDF_ALLOWED.filter((file) => !TEST_IDLE_ALLOWED.includes(file)),
    rules: { 'no-restricted-syntax': ['error', NO_BACKUP_API, NO_VACUUM_INTO, NO_TEST_IDLE] },
  },

  {
    // The database snapshot for backups: VACUUM INTO, checked (see NO_VACUUM_INTO).
    files: ['main/backups/snapshotDatabase.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_BACKUP_API, NO_TEST_KDF, NO_TEST_IDLE] },
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
          rendererPackages: ['react', 'react-dom', '@tanstack/*', 'recharts'],
        },
      ],
    },
  },
]);
