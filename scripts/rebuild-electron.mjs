#!/usr/bin/env node
/**
 * Builds better-sqlite3-multiple-ciphers for the installed Electron's ABI into
 * native/electron/better_sqlite3.node, leaving the Node build in node_modules alone
 * (the CLI, browser mode and the tests keep using it). See docs/electron.md.
 *
 *   node scripts/rebuild-electron.mjs [--nodedir <extracted Electron headers>] [--dist-url <url>] [--out <dir>]
 *
 * Needs the Electron headers: downloaded from --dist-url (default electronjs.org) into a cache
 * the first time, or given offline with --nodedir.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'better-sqlite3-multiple-ciphers';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function die(message) {
  console.error(`rebuild-electron: ${message}`);
  process.exit(1);
}

function option(name) {
  const at = process.argv.indexOf(name);
  if (at !== -1) return process.argv[at + 1];
  const inline = process.argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const electronPkg = join(root, 'node_modules', 'electron', 'package.json');
const addonDir = join(root, 'node_modules', PACKAGE);
const nodeGyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
if (!existsSync(electronPkg)) die('electron is not installed (run npm install)');
if (!existsSync(join(addonDir, 'binding.gyp'))) die(`${PACKAGE} is not installed (run npm install)`);
if (!existsSync(nodeGyp)) die('node-gyp is not installed in node_modules');

const electronVersion = readJson(electronPkg).version;
const abiFile = join(root, 'node_modules', 'electron', 'abi_version');
const abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : null;
const addonVersion = readJson(join(addonDir, 'package.json')).version;
const distUrl = option('--dist-url') ?? 'https://electronjs.org/headers';
const nodedir = option('--nodedir');
const devdir = join(homedir(), '.electron-gyp');

// node-gyp keeps downloaded headers in <devdir>/<version>; only fetch when they are not there yet.
const cached = existsSync(join(devdir, electronVersion, 'include', 'node', 'node_version.h'));
if (nodedir === undefined && !cached) {
  const probe = `${distUrl}/v${electronVersion}/SHASUMS256.txt`;
  try {
    const response = await fetch(probe, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    die(
      `cannot download the Electron ${electronVersion} headers from ${distUrl} (${why}); ` +
        'this needs internet, or pass --nodedir <extracted headers>. node_modules was not touched.',
    );
  }
}

const work = mkdtempSync(join(tmpdir(), 'firebreak-electron-addon-'));
try {
  // A private copy: node-gyp rebuild wipes build/, which must keep the Node build.
  cpSync(addonDir, work, {
    recursive: true,
    filter: (src) => {
      const top = relative(addonDir, src).split(/[\\/]/)[0];
      return top !== 'build';
    },
  });

  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
    `--dist-url=${distUrl}`,
    `--devdir=${devdir}`,
    '--jobs=max',
  ];
  if (nodedir !== undefined) args.push(`--nodedir=${nodedir}`);
  // npm passes its own `nodedir` setting down as npm_config_nodedir: it would point node-gyp
  // at Node's headers and silently produce a Node-ABI build.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl|arch)$/i.test(k)));
  console.error(`rebuild-electron: building ${PACKAGE}@${addonVersion} for Electron ${electronVersion} (ABI ${abi ?? '?'}) in ${work}`);
  const result = spawnSync(process.execPath, args, { cwd: work, env, stdio: 'inherit' });
  if (result.status !== 0) die(`node-gyp failed (exit ${result.status ?? result.signal}); node_modules was not touched.`);

  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) die(`node-gyp succeeded but ${relative(work, built)} is missing`);

  const outDir = option('--out') ?? join(root, 'native', 'electron');
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, 'better_sqlite3.node');
  copyFileSync(built, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  writeFileSync(
    join(outDir, 'build.json'),
    `${JSON.stringify({ package: PACKAGE, version: addonVersion, electron: electronVersion, abi, platform: process.platform, arch: process.arch }, null, 2)}\n`,
  );
  console.error(`rebuild-electron: wrote ${relative(root, target)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
