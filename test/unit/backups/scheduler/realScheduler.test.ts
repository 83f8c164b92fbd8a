import { mkdirSync, openSync, closeSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../../contract';
import { startBackupScheduler, type RunningBackupScheduler } from '../../../../main/api';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../../helpers/testVault';
import { FakeTime } from './FakeTime';

let vault: TestVault | null = null;
let scheduler: RunningBackupScheduler | null = null;
let files: string | null = null;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = null;
  vault?.dispose();
  vault = null;
  if (files !== null) removeTempDataDir(files);
  files = null;
});

/** A vault with one tiny plan (a folder with a file, no database) on `schedule`. */
async function tinyPlan(schedule: string, extra: { verifySchedule?: string } = {}) {
  vault = await createTestVault();
  files = makeTempDataDir('scheduler-files');
  const source = join(files, 'share');
  const target = join(files, 'target');
  mkdirSync(source);
  writeFileSync(join(source, 'notes.txt'), 'incident notes\n');
  await vault.admin.call('backups.plans.add', { name: 'tiny', sources: [source], target, schedule, includeDatabase: false, ...extra });
  return { vault, source, target };
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the scheduler against the real API', () => {
  it('node-cron runs a plan scheduled every second; a backup is listed', { timeout: 60_000 }, async () => {
    const { vault: v } = await tinyPlan('* * * * * *');
    const lines: string[] = [];
    scheduler = await startBackupScheduler(v.backend, v.admin.conn, { log: (l) => lines.push(l) });
    // The plan was created on the test clock's date, so the catch-up may or may not run; a
    // node-cron tick must produce a backup of its own either way.
    const backups = await until('a backup started by a node-cron tick', async () => {
      const list: BackupSummary[] = await v.admin.call('backups.list', { plan: 'tiny' });
      return lines.some((l) => l === 'tiny: schedule run started') && lines.some((l) => /^tiny: done: tiny-/.test(l)) && list.length > 0 ? list : null;
    }, 30_000);
    await scheduler.stop();
    // The first is full, later ones (a catch-up and ticks) incremental; all on the test clock's
    // frozen time, so the list's order among them says nothing.
    expect(backups.some((b) => b.kind === 'full')).toBe(true);
    expect(backups.every((b) => b.plan === 'tiny' && b.files === 1)).toBe(true);
    const status = scheduler.status()[0];
    expect(status).toMatchObject({ plan: 'tiny', schedule: '* * * * * *', lastResult: 'ok', failures: 0, running: false, nextRunAt: null });
    const listed = (await v.admin.call('backups.list', { plan: 'tiny' })).map((b) => b.id);
    expect(listed).toContain(status?.lastBackupId);
    // Never two at once: each run took the plan lock, so none failed with CONFLICT.
    expect(lines.filter((l) => /failed|skipped: already running \(/.test(l))).toEqual([]);
  });

  it('a failing plan: retries are timeline events in the name of the signed-in user', { timeout: 60_000 }, async () => {
    const { vault: v, source } = await tinyPlan('30 2 * * *');
    rmSync(source, { recursive: true, force: true });
    const time = new FakeTime(new Date(2026, 2, 14, 2, 0).getTime());
    const failures: string[] = [];
    scheduler = await startBackupScheduler(v.backend, v.admin.conn, {
      timers: time, now: time.now, retryDelaysMs: [60_000],
      onFailure: (plan, err, attempt, next) => failures.push(`${plan} ${attempt} ${next === null ? 'gave up' : 'retry'}: ${err.message}`),
    });
    await time.advanceTo(new Date(2026, 2, 14, 2, 30));
    await until('the first failure', async () => (failures.length >= 1 ? true : null), 10_000);
    await time.advanceTo(new Date(2026, 2, 14, 2, 31));
    await until('giving up', async () => (failures.length >= 2 ? true : null), 10_000);
    expect(failures[0]).toMatch(/^tiny 1 retry: /);
    expect(failures[1]).toMatch(/^tiny 2 gave up: /);

    const page = await v.admin.call('audit.list', { type: 'backup.retry_scheduled' });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ actor: 'admin', data: { plan: 'tiny', attempt: 1 } });
    const gaveUp = await v.admin.call('audit.list', { type: 'backup.gave_up' });
    expect(gaveUp.rows[0]).toMatchObject({ actor: 'admin', data: { plan: 'tiny', attempts: 2 } });
    // runBackup's own event for each failed attempt.
    expect((await v.admin.call('audit.list', { type: 'backup.failed' })).rows).toHaveLength(2);
    expect(scheduler.status()[0]).toMatchObject({ lastResult: 'failed', failures: 2, retryAt: null });
  });

  it('scheduled verification checks the newest backup in full and names the damage', { timeout: 60_000 }, async () => {
    // Backups once a year (1 January, before the plan existed): only the verification runs here.
    const { vault: v, target } = await tinyPlan('0 0 1 1 *', { verifySchedule: '0 6 * * 0' });
    const backup = await v.admin.call('backups.run', { name: 'tiny' });
    // One byte of the archive's payload flipped: age's chunk authentication must catch it.
    const archive = join(target, 'tiny', backup.archiveFile);
    const fd = openSync(archive, 'r+');
    const at = statSync(archive).size - 40;
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    writeSync(fd, Buffer.from([byte[0]! ^ 0x01]), 0, 1, at);
    closeSync(fd);
    // 2026-03-15 is a Sunday.
    const time = new FakeTime(new Date(2026, 2, 15, 5, 0).getTime());
    const failures: string[] = [];
    scheduler = await startBackupScheduler(v.backend, v.admin.conn, {
      timers: time, now: time.now, onFailure: (plan, err, _attempt, next, task) => failures.push(`${plan} ${task} ${next === null ? 'final' : 'retry'}: ${err.message}`),
    });
    expect(scheduler.status()[0]?.verify).toMatchObject({ level: 'full', schedule: '0 6 * * 0', lastResult: null });
    await time.advanceTo(new Date(2026, 2, 15, 6, 0));
    await until('the verification', async () => (failures.length > 0 ? true : null), 20_000);
    expect(failures[0]).toMatch(new RegExp(`^tiny verify final: ${backup.id} failed full verification: 1 problem, first: archive ${backup.archiveFile}: `));
    expect(scheduler.status()[0]?.verify).toMatchObject({ lastResult: 'failed', lastBackupId: backup.id, retryAt: null });
    const recorded = await v.admin.call('audit.list', { type: 'backup.verify_failed' });
    expect(recorded.rows[0]).toMatchObject({ actor: 'admin', data: { id: backup.id, level: 'full', ok: false } });
    // The backup's own record shows the failed check too.
    const listed = await v.admin.call('backups.list', { plan: 'tiny' });
    expect(listed).toHaveLength(1);
    expect(listed[0]?.lastCheck).toMatchObject({ level: 'full', ok: false });
  });
});
