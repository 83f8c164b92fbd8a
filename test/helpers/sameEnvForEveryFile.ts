/**
 * Vitest setup file, run before every test file (vitest.config.ts `setupFiles`). Test files share
 * a worker's module graph (`isolate: false`), so a file that sets the time zone for itself
 * (`process.env.TZ = 'America/Los_Angeles'` at its top) would otherwise set it for the files that
 * follow it in the same worker. Every file starts with the environment the worker started with.
 */
const KEPT = ['TZ'] as const;
const store = globalThis as { firebreakStartEnv?: Record<string, string | undefined> };
store.firebreakStartEnv ??= Object.fromEntries(KEPT.map((k) => [k, process.env[k]]));
for (const k of KEPT) {
  const value = store.firebreakStartEnv[k];
  if (value === undefined) delete process.env[k];
  else process.env[k] = value;
}
