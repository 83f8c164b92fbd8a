import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // E2E specs belong to Playwright (test/e2e/**/*.spec.ts); keep them out even if misnamed.
    exclude: ['**/node_modules/**', 'test/e2e/**', 'test/fixtures/**'],
    environment: 'node',
    // Bundles the CLI once per run (production and the tests' own, test/helpers/cli/testCli.ts):
    // spawned runs start from bundles of the sources under test.
    globalSetup: ['test/helpers/cli/buildTestCli.ts'],
    // Real SQLCipher files, scrypt/argon2 key derivation and type-aware lint take seconds each.
    testTimeout: 30_000,
    // better-sqlite3 is a native addon: child processes isolate it better than worker threads.
    pool: 'forks',
    // The JSON report feeds scripts/test-summary.mjs, which prints one "N passed, N failed" line for CI.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/unit.json' },
  },
});
