import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../../main/cli/commands/serve';
import { BIN, REPO_ROOT, runCli } from './runCli';

const rendererBuilt = existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'));
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-serve-idle-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('firebreak serve --idle-minutes', () => {
  it.each([
    ['0', '"0"'],
    ['1441', '"1441"'],
    ['1.5', '"1.5"'],
    ['15m', '"15m"'],
    ['-3', '"-3"'],
    ['', '""'],
  ])('exits 2 with one line for --idle-minutes=%s, before touching the data directory', async (value, shown) => {
    const dataDir = join(tmp, `never-created-${value.replace(/\W/g, '_') || 'empty'}`);
    const run = await runCli(['--data-dir', dataDir, 'serve', '--port', '0', `--idle-minutes=${value}`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`firebreak: --idle-minutes must be a whole number from 1 to 1440, not ${shown}\n`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('exits 2 when the option has no value', async () => {
    const run = await runCli(['--data-dir', join(tmp, 'no-value'), 'serve', '--idle-minutes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^firebreak: --idle-minutes needs a value \(see firebreak serve --help\)\n$/);
  });

  it('is listed in the help of serve with its range and default', async () => {
    const run = await runCli(['serve', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[--idle-minutes N]');
    expect(run.stdout).toMatch(/--idle-minutes N\s+sign a session out after N minutes without activity.*\(1–1440, default 15\)/);
  });

  it('turns minutes into the backend idle timeout, with 15 minutes by default; browser mode runs the backup schedules', () => {
    expect(serve.backendOptions?.({ 'idle-minutes': '1' })).toEqual({ idleTimeoutMs: 60_000, scheduleBackups: true });
    expect(serve.backendOptions?.({ 'idle-minutes': '1440' })).toEqual({ idleTimeoutMs: 86_400_000, scheduleBackups: true });
    expect(serve.backendOptions?.({})).toEqual({ idleTimeoutMs: 15 * 60_000, scheduleBackups: true });
    expect(() => serve.backendOptions?.({ 'idle-minutes': '0' })).toThrow(/from 1 to 1440/);
  });

  // As in serveCommand.test.ts: which behaviour applies depends on whether the renderer is built.
  it(
    rendererBuilt
      ? 'the served backend reports the chosen timeout in the session it creates'
      : 'accepts a valid value and then asks for `npm run build:renderer`',
    { timeout: 60_000 },
    async () => {
      const dataDir = join(tmp, 'served');
      if (!rendererBuilt) {
        const run = await runCli(['--data-dir', dataDir, 'serve', '--port', '0', '--idle-minutes', '7']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^firebreak: no built renderer in /);
        return;
      }

      const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0', '--idle-minutes', '7'], { cwd: REPO_ROOT });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          if (out.includes('\n')) resolve(out.split('\n', 1)[0] as string);
        });
        child.on('close', () => reject(new Error(`serve exited before printing its URL: ${stderr}`)));
      });
      try {
        const { origin, hash } = new URL(url);
        const exchange = await fetch(`${origin}/session/exchange`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token: hash.replace('#token=', '') }),
        });
        const cookie = (exchange.headers.get('set-cookie') ?? '').split(';', 1)[0] as string;
        const created = await fetch(`${origin}/api`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          body: JSON.stringify({ method: 'vault.create', input: { admin: 'alice', passphrase: 'correct horse battery 42' } }),
        });
        expect(await created.json()).toMatchObject({ ok: true, value: { session: { user: 'alice', idleTimeoutMs: 7 * 60_000 } } });
        // Browser mode from bin/firebreak.mjs is production: every key slot at scrypt N=2^17.
        const vault = JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')) as { slots: { kdf: { logN: number } }[] };
        expect(vault.slots.map((slot) => slot.kdf.logN)).toEqual([17, 17]);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(stderr).toContain('Sessions end and the vault locks after 7 idle minutes.');
    },
  );
});
