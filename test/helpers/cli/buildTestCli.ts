import { join } from 'node:path';
// A plain-JS build script shared with `npm run build:cli`; its types are declared in scripts/build-cli.d.mts.
import { buildCli, ROOT } from '../../../scripts/build-cli.mjs';

/** Where the tests' CLI bundle goes (dist/ is never committed). */
export const TEST_CLI_DIR = join(ROOT, 'dist', 'test-cli');
export const TEST_CLI = join(TEST_CLI_DIR, 'testCli.mjs');

/**
 * Bundles test/helpers/cli/testCli.ts and the production CLI once per test run (Vitest's and
 * Playwright's global setup), so spawned runs start from bundles of the sources under test.
 */
export async function buildTestCli(): Promise<void> {
  await Promise.all([buildCli(), buildCli({ entry: 'test/helpers/cli/testCli.ts', outdir: TEST_CLI_DIR, entryName: 'testCli.mjs', notifySnapshot: false })]);
}

/** Vitest and Playwright call a global setup module's default export before any test file. */
export default async function globalSetup(): Promise<void> {
  await buildTestCli();
}
