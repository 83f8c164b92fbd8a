import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Packages the app with electron-builder (`--linux dir`) around a stand-in Electron
 * distribution — the real one cannot be downloaded here — and checks what ends up in the
 * archive (ARCHITECTURE.md §6). The project packaged is this repository, with its real
 * electron-builder.yml and its real dist/app + dist/preload bundles.
 */
const REPO = join(import.meta.dirname, '..', '..', '..');
const ELECTRON_VERSION = '39.2.7';
const require = createRequire(join(REPO, 'package.json'));
// electron-builder's own archive reader (a dependency of electron-builder).
const asar = require('@electron/asar') as typeof import('@electron/asar');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd: REPO, env, encoding: 'utf8', timeout: 240_000 });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status ?? result.signal}):\n${output}`);
  return output;
}

/** What electron-builder copies from an unpacked Electron: the binary, licenses, version, resources/. */
const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function standInElectronDist(): string {
  const dir = tempDir('firebreak-electron-dist-');
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron: not runnable" >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
  writeFileSync(join(dir, 'LICENSE'), 'MIT (stand-in)\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  mkdirSync(join(dir, 'resources'));
  mkdirSync(join(dir, 'locales'));
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

describe('electron-builder --linux dir', () => {
  let appDir: string;
  let archive: string;
  let entries: Set<string>;
  let log: string;
  let rendererFixture = false;

  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist', 'app', 'main.cjs')) || !existsSync(join(REPO, 'dist', 'preload', 'preload.cjs'))) {
      run(process.execPath, [join(REPO, 'scripts', 'build-app.mjs')]);
    }

    const electronDist = standInElectronDist();
    const output = tempDir('firebreak-package-');
    const overrides = { electronDist, electronVersion: ELECTRON_VERSION, directories: { output } };
    let configArgs: string[];
    if (existsSync(join(REPO, 'dist', 'renderer', 'index.html'))) {
      configArgs = [
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${ELECTRON_VERSION}`,
        `-c.directories.output=${output}`,
      ];
    } else {
      // No renderer build in the checkout: add a minimal page from a temp dir through a config
      // that extends the real one, rather than writing a fake into dist/.
      rendererFixture = true;
      const renderer = tempDir('firebreak-renderer-');
      writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Firebreak (fixture)</title>\n');
      const config = join(tempDir('firebreak-builder-config-'), 'electron-builder.json');
      writeFileSync(
        config,
        JSON.stringify({
          extends: join(REPO, 'electron-builder.yml'),
          ...overrides,
          files: [{ from: renderer, to: 'dist/renderer', filter: ['**/*'] }],
        }),
      );
      configArgs = ['--config', config];
    }

    // An empty cache and a dead proxy: any download attempt fails the build instead of hanging
    // or quietly using something fetched earlier.
    // electron-builder goes quiet when it sees VITEST; its log is part of what is checked.
    const { VITEST: _vitest, ...parentEnv } = process.env;
    const env = {
      ...parentEnv,
      ELECTRON_BUILDER_CACHE: tempDir('firebreak-builder-cache-'),
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      http_proxy: 'http://127.0.0.1:9',
      NO_PROXY: '',
      no_proxy: '',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    };
    const cli = join(REPO, 'node_modules', 'electron-builder', 'cli.js');
    log = run(process.execPath, [cli, '--linux', 'dir', '--dir', ...configArgs], env);

    appDir = join(output, 'linux-unpacked');
    archive = join(appDir, 'resources', 'app.asar');
    entries = new Set(asar.listPackage(archive, { isPack: false }).map((e) => e.replaceAll('\\', '/')));
  }, 300_000);

  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('downloads nothing', () => {
    expect(log).not.toMatch(/download/i);
    expect(log).toContain('using custom unpacked Electron distribution');
  });

  it('names the executable after the app', () => {
    expect(existsSync(join(appDir, 'firebreak'))).toBe(true);
  });

  it('packs the bundles, the renderer and the built-in runbooks', () => {
    for (const file of ['/dist/app/main.cjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html', '/runbooks', '/runbooks/README.md']) {
      expect(entries.has(file), file).toBe(true);
    }
    if (rendererFixture) {
      expect(asar.extractFile(archive, 'dist/renderer/index.html').toString('utf8')).toContain('fixture');
    }
  });

  it('starts from the bundled main process', () => {
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as { main: string; name: string };
    expect(pkg.main).toBe('dist/app/main.cjs');
    expect(pkg.name).toBe('firebreak');
  });

  it('unpacks the SQLCipher addon next to the archive', () => {
    const addon = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
    expect(existsSync(addon)).toBe(true);
    // Its runtime dependency resolves from inside the archive.
    expect(entries.has('/node_modules/bindings/bindings.js')).toBe(true);
    if (existsSync(join(REPO, 'native', 'electron', 'better_sqlite3.node'))) {
      expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', 'native', 'electron', 'better_sqlite3.node'))).toBe(true);
    }
  });

  it('leaves out dev dependencies, source maps and build leftovers', () => {
    const all = [...entries];
    for (const devOnly of ['electron', 'electron-builder', 'vitest', 'vite', 'typescript', 'react', 'esbuild', 'tsx']) {
      expect(entries.has(`/node_modules/${devOnly}`), devOnly).toBe(false);
    }
    expect(all.filter((e) => e.startsWith('/dist/') && e.endsWith('.map'))).toEqual([]);
    expect(all.filter((e) => /better-sqlite3-multiple-ciphers\/(src|deps|build\/Release\/obj)/.test(e))).toEqual([]);
  });
});
