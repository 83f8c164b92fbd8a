#!/usr/bin/env node
/**
 * `npm start`: builds the renderer, the Electron bundles and the CLI bundle, then opens the Electron app when it can run here, or
 * falls back to browser mode (`firebreak serve`) with one line saying why. Extra arguments
 * (`npm start -- --data-dir /tmp/fb`) are passed on to browser mode and to Electron.
 *
 * Electron needs two things this checkout may lack: its binary (downloaded by electron's
 * postinstall) and the SQLCipher addon built for its ABI (`npm run rebuild:electron`,
 * docs/electron.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);

function fail(message) {
  console.error(`start: ${message}`);
  process.exit(1);
}

function runStep(label, command, commandArgs) {
  console.error(`start: ${label}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${label} failed (exit ${result.status ?? result.signal})`);
}

/** Always rebuilds (a few seconds): after a `git pull`, a stale bundle would run old code. */
function build() {
  if (!existsSync(join(root, 'renderer', 'vite.config.ts'))) fail('renderer/vite.config.ts is missing: cannot build the renderer');
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  runStep('building the renderer (vite build)', process.execPath, [vite, 'build', '--logLevel', 'warn', '--config', 'renderer/vite.config.ts']);
  runStep('building the Electron main process and preload', process.execPath, [join(root, 'scripts', 'build-app.mjs')]);
  runStep('building the command line (dist/cli)', process.execPath, [join(root, 'scripts', 'build-cli.mjs')]);
}

/** The Electron binary, or why it cannot be used. */
function findElectron() {
  let binary;
  try {
    binary = require('electron');
  } catch {
    return { why: 'the Electron binary is not installed (its download was skipped or failed)' };
  }
  if (typeof binary !== 'string' || !existsSync(binary)) return { why: `the Electron binary ${binary} does not exist` };
  const addon = join(root, 'native', 'electron', 'better_sqlite3.node');
  if (!existsSync(addon)) return { why: 'native/electron/better_sqlite3.node is missing (run npm run rebuild:electron)' };
  const installed = require('electron/package.json').version;
  const buildInfo = join(root, 'native', 'electron', 'build.json');
  if (existsSync(buildInfo)) {
    const builtFor = JSON.parse(readFileSync(buildInfo, 'utf8')).electron;
    if (builtFor !== installed) return { why: `native/electron was built for Electron ${builtFor}, not ${installed} (run npm run rebuild:electron)` };
  }
  return { binary };
}

/** Runs the child to completion, forwarding Ctrl-C and termination, and exits with its status. */
function runToEnd(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => fail(`could not start ${command}: ${error.message}`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

build();
const electron = findElectron();
if (electron.binary) {
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  runToEnd(electron.binary, ['.', ...args], env);
} else {
  const portGiven = args.some((a) => a === '--port' || a.startsWith('--port='));
  console.error(`start: Electron cannot run here: ${electron.why}; starting browser mode instead.`);
  runToEnd(process.execPath, [join(root, 'bin', 'firebreak.mjs'), 'serve', ...(portGiven ? [] : ['--port', '0']), ...args]);
}
