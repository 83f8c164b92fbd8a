/**
 * The tests' own `firebreak`: the production CLI (main/cli/main.ts) with a low scrypt cost for the
 * key slots of vaults the tests create (BackendOptions.testOnlyKdfLogN), so a spawned `init`,
 * `user add` or sign-in takes milliseconds instead of a third of a second each. Bundled like
 * bin/firebreak.mjs runs it (scripts/build-cli.mjs) into dist/test-cli/ by the test setup
 * (test/helpers/cli/buildTestCli.ts); spawned by runCli and the end-to-end server fixture.
 * Tests that prove the production cost itself run bin/firebreak.mjs (test/unit/cli/cliBundle.test.ts).
 *
 * FIREBREAK_TEST_IDLE_MS (read here only, never by main/) sets the session idle timeout in
 * milliseconds in place of `serve --idle-minutes`, whose least is a minute: the idle-lock
 * end-to-end test (test/e2e/idleLock.spec.ts) waits seconds instead. serve's own note still names
 * the minutes of its option.
 */
import { main } from '../../../main/cli/main';
import { TEST_LOG_N } from '../testLogN';

// FIREBREAK_TEST_NOW (an ISO time) pins the backend's clock: several processes then agree on the
// time, so a test of the sign-in backoff across processes does not depend on how fast they start.
const pinned = process.env.FIREBREAK_TEST_NOW;
const now = pinned === undefined ? undefined : Date.parse(pinned);
if (now !== undefined && Number.isNaN(now)) throw new Error(`FIREBREAK_TEST_NOW is not a time: ${pinned}`);
const code = await main(process.argv.slice(2), {
  testOnlyKdfLogN: TEST_LOG_N,
  ...idleOverride(process.env.FIREBREAK_TEST_IDLE_MS),
  ...(now !== undefined ? { now: () => now } : {}),
});
// As bin/firebreak.mjs: exit once stdout and stderr have drained, whatever timers are left.
const drain = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([drain(process.stdout), drain(process.stderr)]);
process.exit(code);

function idleOverride(text: string | undefined): { testOnlyIdleTimeoutMs?: number } {
  if (text === undefined || text === '') return {};
  const ms = Number(text);
  // The backend sweeps idle sessions at least once a second: less than that would not be kept.
  if (!Number.isInteger(ms) || ms < 1000) throw new Error(`FIREBREAK_TEST_IDLE_MS must be a whole number of milliseconds, at least 1000, not "${text}"`);
  return { testOnlyIdleTimeoutMs: ms };
}
