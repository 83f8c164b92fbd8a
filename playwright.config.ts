import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;

/**
 * End-to-end tests in browser mode: each test starts its own `firebreak serve` on a fresh data
 * directory (test/e2e/fixtures.ts) and drives Debian's Chromium. `npm run test:e2e` builds the
 * renderer first; the server serves dist/renderer.
 */
export default defineConfig({
  testDir: 'test/e2e',
  // Bundles the CLI the servers run (test/helpers/cli/testCli.ts) from the sources under test.
  globalSetup: './test/helpers/cli/buildTestCli.ts',
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Four at a time on 2 cores: a test spends much of its time waiting on the page (an idle lock
  // waits ten seconds, alarms and sweeps tick), and the servers' key derivation is cheap with the
  // tests' CLI bundle. 58 tests on an idle machine (8 Dec 2026): 250 s with three, 224 s with four,
  // 243 s with six (each test twice as slow: the cores are full).
  workers: 4,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON report feeds scripts/test.mjs (the slowest files, one "N passed, N failed" line for npm test).
  reporter: [
    ['list'],
    ['json', { outputFile: 'reports/e2e.json' }],
    ...(CI ? [['html', { open: 'never' }] as const] : []),
  ],
  outputDir: 'test-results/e2e',
  use: {
    headless: true,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
