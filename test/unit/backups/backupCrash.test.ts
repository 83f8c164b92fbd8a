import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../contract';
import { BACKUP_RUNNER } from '../../helpers/cli/buildTestCli';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { ADMIN, ADMIN_PASS, createTestVault, type TestVault } from '../../helpers/testVault';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const RUNS = 6;

/** Starts a backup run in a child process and SIGKILLs it at a random moment once archiving has begun. */
function runAndKill(dataDir: string): Promise<{ out: string; signal: NodeJS.Signals | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BACKUP_RUNNER, dataDir, ADMIN, ADMIN_PASS, 'crashy'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    // A liveness guard for a loaded machine, not a timing assertion.
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the backup never started archiving: ${err}`));
    }, 90_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!armed && out.includes('progress archiving')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 400));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(deadline);
      resolve({ out, signal, err });
    });
  });
}

let v: TestVault;
let work: string;
beforeAll(async () => {
  v = await createTestVault();
  work = makeTempDataDir('backup-crash');
  const source = join(work, 'source');
  mkdirSync(source);
  // Enough data that a run takes a while: 40 files of 1 MiB of random bytes.
  for (let i = 0; i < 40; i++) writeFileSync(join(source, `file-${i}.bin`), randomBytes(1024 * 1024));
  await v.admin.call('backups.plans.add', { name: 'crashy', sources: [source], target: join(work, 'target') });
  await v.admin.call('auth.logout', {});
  v.backend.close();
});
afterAll(() => {
  v.dispose();
  removeTempDataDir(work);
});

describe('a backup run killed at a random point', () => {
  it(`lists no partial backup, ${RUNS} times over; the next run takes over the stale lock, cleans up and succeeds`, { timeout: 600_000 }, async () => {
    const planDir = join(work, 'target', 'crashy');
    for (let run = 1; run <= RUNS; run++) {
      const r = await runAndKill(v.dataDir);
      if (r.out.includes('done ')) continue; // finished before the kill landed: a complete backup, checked below
      expect(r.signal, r.err).toBe('SIGKILL');
    }
    const backend = await v.reopen();
    const conn = backend.newConnection('test');
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await backend.handle(conn, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    await call('auth.login', { user: ADMIN, passphrase: ADMIN_PASS });
    // Whatever is listed is complete: its manifest and archive are there and verify in full.
    for (const b of await call<BackupSummary[]>('backups.list', { plan: 'crashy' })) {
      expect(await call('backups.verify', { id: b.id, level: 'full' })).toMatchObject({ ok: true });
    }
    const after = await call<BackupSummary>('backups.run', { name: 'crashy' });
    expect(await call('backups.verify', { id: after.id, level: 'full' })).toMatchObject({ ok: true });
    // Only complete backups remain: every archive has its manifest, no temporary file or lock is left.
    const names = readdirSync(planDir).sort();
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
    const archives = names.filter((n) => n.endsWith('.tar.age')).map((n) => n.replace(/\.tar\.age$/, ''));
    const manifests = names.filter((n) => n.endsWith('.manifest.age')).map((n) => n.replace(/\.manifest\.age$/, ''));
    expect(archives.sort()).toEqual([...manifests].sort());
    const listed = (await call<BackupSummary[]>('backups.list', { plan: 'crashy' })).map((b) => b.id).sort();
    expect(listed).toEqual(manifests.sort());
    expect(await call('log.verify', {})).toMatchObject({ ok: true });
  });
});
