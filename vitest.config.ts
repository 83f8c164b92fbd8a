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
    // Set-up hooks build real vaults and seed thousands of incidents: the same allowance as a test,
    // or start a worker thread (runbook files are read on one, issue 13 §6); not Vitest's 10 s, which a loaded 2-core machine exceeds without anything being wrong.
    hookTimeout: 30_000,
    // better-sqlite3 is a native addon: child processes isolate it better than worker threads.
    pool: 'forks',
    // One module graph per worker, not per file: importing the backend (zod schemas, the domains,
    // the regime library) took 1–2 s per file, ~300 s of the suite's time over 182 files; tests
    // share no module state they depend on (each makes its own vault in its own directory). Measured
    // 8 Dec 2026: every file passes either way.
    isolate: false,
    // …except the time zone, which some files set for themselves: each file starts with the worker's.
    setupFiles: ['test/helpers/sameEnvForEveryFile.ts'],
    // Vitest's default on 2 cores is one worker, i.e. test files one after another. Much of a test's
    // time is spent waiting on a child process, the disk or scrypt on libuv's pool, so three files at
    // a time keep both cores busy (measured on 2 cores: 146 s for the unit suite, 166 s with two workers).
    maxWorkers: 3,
    // The JSON report feeds scripts/test.mjs: the slowest files and one "N passed, N failed" line for CI.
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/unit.json' },
  },
});
