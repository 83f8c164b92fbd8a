import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIR, METAFILE } from '../../../scripts/build-cli.mjs';
import { REPO_ROOT, runRealCli, type CliRun } from './runCli';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-cli-bundle-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bin/firebreak.mjs in production', () => {
  it('creates vaults with scrypt N=2^17 in every key slot, and signs in with them', { timeout: 60_000 }, async () => {
    const dataDir = join(tmp, 'production');
    const env = { FIREBREAK_PASSPHRASE: 'Correct-Horse-42-battery' };
    const init = await runRealCli(['--data-dir', dataDir, 'init', '--admin', 'alice'], env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const vault = JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')) as { slots: { kind: string; kdf: { logN: number } }[] };
    expect(vault.slots.map((s) => s.kind).sort()).toEqual(['passphrase', 'recovery']);
    for (const slot of vault.slots) expect(slot.kdf).toMatchObject({ name: 'scrypt', logN: 17, r: 8, p: 1 });
    const list = await runRealCli(['--data-dir', dataDir, 'incident', 'list', '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('`--help` and a usage error load neither the backend nor the API contract (zod)', () => {
    const meta = JSON.parse(readFileSync(join(CLI_DIR, METAFILE), 'utf8')) as {
      outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[]; entryPoint?: string }>;
    };
    // Output paths are those of the build's staging folder: compare file names.
    const fileName = (path: string) => path.replace(/^.*\//, '');
    const byPath = new Map(Object.entries(meta.outputs).map(([path, out]) => [fileName(path), out]));
    // Every output the entry loads before main() runs: its static imports, transitively.
    const loaded = new Set<string>();
    const visit = (name: string) => {
      if (loaded.has(name)) return;
      loaded.add(name);
      for (const i of byPath.get(name)?.imports ?? []) if (i.kind === 'import-statement' && byPath.has(fileName(i.path))) visit(fileName(i.path));
    };
    visit('firebreak.mjs');
    const inputs = [...loaded].flatMap((name) => Object.keys(byPath.get(name)?.inputs ?? {}));
    expect(inputs.some((f) => f.startsWith('main/cli/'))).toBe(true);
    expect(inputs.filter((f) => /node_modules\/(zod|luxon|yaml|docx|archiver)\//.test(f) || /^main\/(api|store|notify|backups|vault)\//.test(f))).toEqual([]);
    // …and what the backend needs comes on demand.
    const dynamic = [...loaded].flatMap((name) => (byPath.get(name)?.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path));
    expect(dynamic.some((p) => /createBackend/.test(p))).toBe(true);
  });
});

/**
 * A copy of the checkout's CLI (bin, scripts, main, contract, package files; node_modules linked)
 * in which sources can be edited without touching the real one.
 */
function copyCheckout(name: string): string {
  const root = join(tmp, name);
  mkdirSync(root);
  for (const dir of ['bin', 'scripts', 'main', 'contract']) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json']) cpSync(join(REPO_ROOT, file), join(root, file));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function runIn(root: string, args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'firebreak.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.sequential('bin/firebreak.mjs never runs a bundle older than its sources', () => {
  let root: string;
  beforeAll(() => {
    root = copyCheckout('checkout');
  });

  it('builds the bundle when there is none, saying so once, then runs it quietly', { timeout: 60_000 }, async () => {
    const first = await runIn(root, ['--help']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^firebreak: there was no CLI bundle yet; built dist\/cli \(\d+ ms\)\n$/);
    expect(first.stdout).toMatch(/^Usage: firebreak <command>/);
    const second = await runIn(root, ['--help']);
    expect(second).toEqual({ code: 0, stdout: first.stdout, stderr: '' });
  });

  it('rebuilds when a source is newer, and runs the new code', { timeout: 60_000 }, async () => {
    const helpText = join(root, 'main', 'cli', 'helpText.ts');
    const later = new Date(Date.now() + 5_000);
    utimesSync(helpText, later, later);
    const touched = await runIn(root, ['--version']);
    expect(touched.code).toBe(0);
    expect(touched.stderr).toMatch(/^firebreak: main\/cli\/helpText\.ts changed since the CLI was bundled; built dist\/cli \(\d+ ms\)\n$/);

    const commandTable = join(root, 'main', 'cli', 'commands', 'logVerify.ts');
    const text = readFileSync(commandTable, 'utf8');
    const summary = /summary: '([^']+)'/.exec(text)?.[1] ?? '';
    expect(summary).not.toBe('');
    appendFileSync(commandTable, `\nlogVerify.summary = 'EDITED SUMMARY';\n`);
    const edited = await runIn(root, ['--help']);
    expect(edited.stderr).toMatch(/^firebreak: main\/cli\/commands\/logVerify\.ts changed since the CLI was bundled/);
    expect(edited.stdout).toContain('EDITED SUMMARY');
    expect(edited.stdout).not.toContain(summary);
  });

  it('falls back to the sources through tsx when it cannot build, saying why', { timeout: 60_000 }, async () => {
    rmSync(join(root, 'scripts', 'build-cli.mjs'));
    const later = new Date(Date.now() + 10_000);
    utimesSync(join(root, 'main', 'cli', 'helpText.ts'), later, later);
    const stale = await runIn(root, ['--help']);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toMatch(/^firebreak: main\/cli\/helpText\.ts changed since the CLI was bundled and rebuilding failed \([^)]*\); running the TypeScript sources through tsx instead/);
    expect(stale.stderr.trim().split('\n')).toHaveLength(1);
    expect(stale.stdout).toContain('EDITED SUMMARY');

    rmSync(join(root, 'dist'), { recursive: true });
    const none = await runIn(root, ['--help']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/^firebreak: there is no CLI bundle in dist\/cli; running the TypeScript sources through tsx instead/);
    expect(none.stdout).toMatch(/^Usage: firebreak <command>/);
  });
});
