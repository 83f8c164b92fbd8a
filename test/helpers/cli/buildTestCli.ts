import { join } from 'node:path';
// A plain-JS build script shared with `npm run build:cli`; its types are declared in scripts/build-cli.d.mts.
import { buildCli, ROOT } from '../../../scripts/build-cli.mjs';

/** Where the tests' bundles go (dist/ is never committed). */
export const TEST_CLI_DIR = join(ROOT, 'dist', 'test-cli');
/** The tests' CLI: test/helpers/cli/testCli.ts. */
export const TEST_CLI = join(TEST_CLI_DIR, 'testCli.mjs');
/** Child processes the crash tests SIGKILL: test/helpers/crashWriter.ts and backupRunner.ts. */
export const CRASH_WRITER = join(TEST_CLI_DIR, 'crashWriter.mjs');
export const BACKUP_RUNNER = join(TEST_CLI_DIR, 'backupRunner.mjs');

/**
 * Bundles the production CLI and the tests' own entries once per test run (Vitest's and
 * Playwright's global setup), so spawned processes start from bundles of the sources under test
 * in a fraction of a second instead of compiling TypeScript through tsx each time.
 */
export async function buildTestCli(): Promise<void> {
  await buildCli();
  await buildCli({
    entries: { 'testCli.mjs': 'test/helpers/cli/testCli.ts', 'crashWriter.mjs': 'test/helpers/crashWriter.ts', 'backupRunner.mjs': 'test/helpers/backupRunner.ts' },
    outdir: TEST_CLI_DIR,
    notifySnapshot: false,
  });
}

/** Vitest and Playwright call a global setup module's default export before any test file. */
export default async function globalSetup(): Promise<void> {
  await buildTestCli();
}
