import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readLockHolder, tryCreateLockFile } from '../../../main/store';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { REPO_ROOT } from '../cli/runCli';

let dir: string;
beforeAll(() => {
  dir = makeTempDataDir('lock-file');
});
afterAll(() => removeTempDataDir(dir));

function child(mode: 'churn' | 'watch', file: string, ms: number): Promise<{ rounds: number; empty: number }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/helpers/lockFileChurn.ts'), mode, file, String(ms)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('close', (code) => (code === 0 ? done(JSON.parse(out) as { rounds: number; empty: number }) : fail(new Error(`${mode} exited ${code}: ${err}`))));
  });
}

it('one call of many gets the lock, and the holder is written in it', () => {
  const file = join(dir, 'one.lock');
  const at = new Date('2026-12-08T01:00:00.000Z');
  expect([tryCreateLockFile(file, at), tryCreateLockFile(file, at), tryCreateLockFile(file, at)]).toEqual([true, false, false]);
  expect(readLockHolder(file)).toEqual({ pid: process.pid, since: at.toISOString() });
});

// Two processes taking and giving back the lock while a third reads who holds it: a lock file seen
// empty (created, not yet written) reads as pid 0, "its creator died", and was taken over by the
// sign-in attempts and the security stream while its holder was working.
it('is never seen empty by another process, however often it is taken', { timeout: 60_000 }, async () => {
  const file = join(dir, 'busy.lock');
  const [a, b, watcher] = await Promise.all([child('churn', file, 2_500), child('churn', file, 2_500), child('watch', file, 2_500)]);
  expect(a.rounds + b.rounds).toBeGreaterThan(200);
  expect(watcher.rounds).toBeGreaterThan(100);
  expect(watcher.empty).toBe(0);
});
