import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupScheduleStatus, Topics } from '../../../contract';
import { daemonFiles, DAEMON_STATUS_FORMAT, writeDaemonStatus } from '../../../main/api';
import { connect, type TestClient } from '../../helpers/client';
import { makeTempDataDir, removeTempDataDir } from '../../helpers/tempDataDir';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { FakeTime } from '../backups/scheduler/FakeTime';

let vault: TestVault | null = null;
let files: string | null = null;
let child: ChildProcess | null = null;

afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  vault?.dispose();
  vault = null;
  if (files !== null) removeTempDataDir(files);
  files = null;
});

/** Local time, as the cron expressions read. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi);

/** A vault whose backend runs the scheduler on a fake clock, as the app runs it on the real one. */
async function appVault(opts: { idleTimeoutMs?: number } = {}) {
  const time = new FakeTime(local(2026, 3, 14, 9, 0).getTime());
  vault = await createTestVault({ scheduleBackups: { timers: time, now: time.now }, ...opts });
  files = makeTempDataDir('host-files');
  const source = join(files, 'share');
  mkdirSync(source);
  writeFileSync(join(source, 'notes.txt'), 'incident notes\n');
  return { v: vault, time, source, target: join(files, 'target') };
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const scheduleOf = (c: TestClient): Promise<BackupScheduleStatus> => c.call('backups.schedule', {});

describe('the app runs the backup schedules while someone allowed to is signed in', () => {
  it('runs a plan on its schedule in the name of the signed-in admin; readers see the state live', async () => {
    const { v, time, source, target } = await appVault();
    const auditor = await v.addUser('carol', 'auditor');
    const pushed: Topics['backup.schedule'][] = [];
    v.backend.subscribe(auditor.conn, 'backup.schedule', (s) => pushed.push(s));
    await until('the scheduler for admin', async () => (await scheduleOf(auditor)).runner?.kind === 'app');

    await v.admin.call('backups.plans.add', { name: 'tiny', sources: [source], target, schedule: '30 2 * * *', includeDatabase: false });
    const before = await until('the plan in the schedule', async () => {
      const s = await scheduleOf(auditor);
      return s.plans.length === 1 ? s : null;
    });
    expect(before).toMatchObject({
      runner: { kind: 'app', user: 'admin' }, note: null,
      plans: [{ plan: 'tiny', scheduleText: 'at 02:30 every day', nextRunAt: local(2026, 3, 15, 2, 30).toISOString(), lastResult: null, verify: null }],
    });

    await time.advanceTo(local(2026, 3, 15, 2, 30));
    const after = await until('the scheduled run', async () => {
      const s = await scheduleOf(auditor);
      return s.plans[0]?.lastResult === 'ok' ? s : null;
    });
    const backups = await v.admin.call('backups.list', { plan: 'tiny' });
    expect(backups).toHaveLength(1);
    expect(after.plans[0]).toMatchObject({ lastBackupId: backups[0]?.id, failures: 0, running: false });
    const completed = await v.admin.call('audit.list', { type: 'backup.completed' });
    expect(completed.rows[0]).toMatchObject({ actor: 'admin', data: { plan: 'tiny' } });
    // The auditor was told of the run as it started and as it ended, without asking.
    expect(pushed.some((s) => s.plans[0]?.running === true)).toBe(true);
    expect(pushed.at(-1)?.plans[0]).toMatchObject({ running: false, lastResult: 'ok' });
    const log = readFileSync(join(v.dataDir, 'logs', 'scheduler.log'), 'utf8');
    expect(log).toMatch(/scheduler: running for admin/);
    expect(log).toMatch(/tiny: done: tiny-/);
  });

  it('does not keep the session alive: the vault still locks when idle; the next sign-in starts it again', async () => {
    const { v, time, source, target } = await appVault({ idleTimeoutMs: 15 * 60_000 });
    await v.admin.call('backups.plans.add', { name: 'tiny', sources: [source], target, schedule: '*/5 * * * *', includeDatabase: false });
    await until('the plan scheduled', async () => (await scheduleOf(v.admin)).plans.length === 1);
    // Watched without calling (a call would count as the admin's activity), from a connection with no session.
    const pushed: Topics['backup.schedule'][] = [];
    v.backend.subscribe(v.admin.conn, 'backup.schedule', (s) => pushed.push(s));
    const outsider = connect(v.backend);
    // Ten quiet minutes: the scheduled run at 09:05 still finds the session alive.
    v.clock.advance(10 * 60_000);
    await time.advanceTo(local(2026, 3, 14, 9, 5));
    await until('the first scheduled run', async () => pushed.at(-1)?.plans[0]?.lastResult === 'ok');
    // Ten more: 20 minutes since the admin's last call, 10 since the scheduler's. Had the
    // scheduler's calls counted as activity, the 09:10 run would succeed; they do not.
    v.clock.advance(10 * 60_000);
    await time.advanceTo(local(2026, 3, 14, 9, 10));
    const status = await until('the vault locked', async () => {
      const r = await outsider.attempt('vault.status', {});
      return r.ok && !r.value.unlocked ? r.value : null;
    });
    expect(status).toMatchObject({ unlocked: false });

    const again = await v.signIn('admin');
    expect(await again.call('backups.list', { plan: 'tiny' })).toHaveLength(1);
    const locked = await again.call('audit.list', { type: 'vault.locked' });
    expect(locked.rows[0]).toMatchObject({ data: { reason: 'idle' } });
    await until('the scheduler back for admin', async () => (await scheduleOf(again)).runner?.kind === 'app');
    await time.advanceTo(local(2026, 3, 14, 9, 15));
    await until('a run after sign-in', async () => (await again.call('backups.list', { plan: 'tiny' })).length === 2);
  });

  it('waits while only people who may not run backups are signed in, and moves to the next eligible session', async () => {
    const { v } = await appVault();
    const first = await v.addUser('mia', 'manager');
    await first.call('auth.logout', {});
    await v.admin.call('auth.logout', {});
    const manager = await v.signIn('mia');
    const waiting = await until('no runner', async () => {
      const s = await scheduleOf(manager);
      return s.runner === null ? s : null;
    });
    expect(waiting.note).toMatch(/nobody allowed to run backups is signed in/);

    const admin = await v.signIn('admin');
    await until('admin runs them', async () => (await scheduleOf(manager)).runner?.kind === 'app');
    expect((await scheduleOf(manager)).runner).toMatchObject({ kind: 'app', user: 'admin' });
    await admin.call('auth.logout', {});
    await until('nobody again', async () => (await scheduleOf(manager)).runner === null);
  });

  it('leaves the schedules to a live `firebreak daemon` on the same data directory', async () => {
    const { v, source, target } = await appVault();
    await until('the app scheduler', async () => (await scheduleOf(v.admin)).runner?.kind === 'app');
    // A process whose command line says "daemon", as the real one's does.
    child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'daemon'], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    const at = new Date().toISOString();
    writeDaemonStatus(daemonFiles(v.dataDir).status, { format: DAEMON_STATUS_FORMAT, pid, user: 'backup-bot', startedAt: at, updatedAt: at, stoppedAt: null, plans: [] });
    // A plan change makes the app look again (it also looks every minute).
    await v.admin.call('backups.plans.add', { name: 'tiny', sources: [source], target, schedule: '30 2 * * *', includeDatabase: false });
    const daemon = await until('the daemon as runner', async () => {
      const s = await scheduleOf(v.admin);
      return s.runner?.kind === 'daemon' ? s : null;
    });
    expect(daemon.runner).toMatchObject({ kind: 'daemon', pid, user: 'backup-bot' });
    expect(daemon.note).toMatch(/the backup daemon \(process \d+, user backup-bot\) runs the schedules/);

    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    await v.admin.call('backups.plans.remove', { name: 'tiny' });
    await until('the app takes over', async () => (await scheduleOf(v.admin)).runner?.kind === 'app');
  });
});
