import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runCli } from './runCli';

const rendererBuilt = existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'));
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-serve-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('firebreak serve', () => {
  // Which of the two behaviours applies depends on whether `npm run build:renderer` has run in
  // this checkout; both are asserted, neither is skipped.
  it(
    rendererBuilt
      ? 'prints a URL whose token opens a browser session, and stops cleanly on SIGTERM'
      : 'exits 1 and asks for `npm run build:renderer` when the renderer is not built',
    { timeout: 60_000 },
    async () => {
      const dataDir = join(tmp, 'data');
      if (!rendererBuilt) {
        const run = await runCli(['--data-dir', dataDir, 'serve', '--port', '0']);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/^firebreak: no built renderer in .*npm run build:renderer/);
        return;
      }

      const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'serve', '--port', '0'], { cwd: REPO_ROOT });
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          if (out.includes('\n')) resolve(out.split('\n', 1)[0] as string);
        });
        child.on('close', () => reject(new Error('serve exited before printing its URL')));
      });
      try {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
        const { origin, hash } = new URL(url);
        const page = await fetch(`${origin}/`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        await page.arrayBuffer();

        const exchange = await fetch(`${origin}/session/exchange`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token: hash.replace('#token=', '') }),
        });
        expect(exchange.status).toBe(200);
        const cookie = (exchange.headers.get('set-cookie') ?? '').split(';', 1)[0] as string;
        const status = await fetch(`${origin}/api`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          body: JSON.stringify({ method: 'vault.status', input: {} }),
        });
        expect(await status.json()).toMatchObject({ ok: true, value: { initialized: false, unlocked: false } });
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    },
  );
});
