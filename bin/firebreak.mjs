#!/usr/bin/env node
/**
 * The `firebreak` command. It runs the bundle in dist/cli/ (scripts/build-cli.mjs, built by
 * `npm install` and `npm run build`), which starts in a few tens of milliseconds; compiling the
 * TypeScript sources on every run cost a second.
 *
 * A bundle older than its sources must never run silently: build-info.json lists every input with
 * its mtime and size, and when one differs the bundle is rebuilt first (one line on stderr). Only
 * when there is no bundle and it cannot be built (esbuild missing) do the sources run through tsx,
 * which is said once on stderr.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundleDir = join(root, 'dist', 'cli');
const entry = join(bundleDir, 'firebreak.mjs');

/** 'fresh', 'missing', or the first input that changed since the bundle was built. */
function bundleState() {
  let info;
  try {
    info = JSON.parse(readFileSync(join(bundleDir, 'build-info.json'), 'utf8'));
    statSync(entry);
  } catch {
    return { state: 'missing' };
  }
  for (const input of info.inputs ?? []) {
    let now = { mtimeMs: null, size: null };
    try {
      const s = statSync(join(root, input.file));
      now = { mtimeMs: s.mtimeMs, size: s.size };
    } catch {
      // Deleted since the build: stale unless it was missing then too.
    }
    if (now.mtimeMs !== input.mtimeMs || now.size !== input.size) return { state: 'stale', file: input.file };
  }
  return { state: 'fresh' };
}

async function loadMain() {
  const found = bundleState();
  if (found.state === 'fresh') return (await import(pathToFileURL(entry).href)).main;
  let why = 'there is no CLI bundle in dist/cli';
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    const started = Date.now();
    await buildCli();
    const what = found.state === 'stale' ? `${found.file} changed since the CLI was bundled` : 'there was no CLI bundle yet';
    process.stderr.write(`firebreak: ${what}; built dist/cli (${Date.now() - started} ms)\n`);
    return (await import(pathToFileURL(entry).href)).main;
  } catch (error) {
    if (found.state === 'stale') why = `${found.file} changed since the CLI was bundled and rebuilding failed (${String(error?.message ?? error).split('\n')[0]})`;
    else if (error?.code !== 'ERR_MODULE_NOT_FOUND') why = `building it failed (${String(error?.message ?? error).split('\n')[0]})`;
  }
  process.stderr.write(`firebreak: ${why}; running the TypeScript sources through tsx instead (slower; \`npm run build:cli\` makes the bundle)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../main/cli/main.ts')).main;
}

const main = await loadMain();
const code = await main(process.argv.slice(2));

// Exit explicitly (a stray timer must not keep a finished run alive), after stdout and stderr
// have drained so piped output is never cut short.
const drain = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([drain(process.stdout), drain(process.stderr)]);
process.exit(code);
