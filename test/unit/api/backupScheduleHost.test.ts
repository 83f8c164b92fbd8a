import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupScheduleStatus, Topics } from '../../../contract';
import {
  APP_SCHEDULE_STATUS_FORMAT, appScheduleAlive, appScheduleStatusFile, daemonFiles, DAEMON_STATUS_FORMAT, readAppScheduleStatus, writeAppScheduleStatus,
  writeDaemonStatus, type AppScheduleStatus,
} from '../../../main/api';
import { appScheduleStatus } from '../../../main/api/BackupScheduleHost';
import { runCli } from '../cli/runCli';
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

/**
 * Issue 11: `firebreak daemon status` exited 1 while the app itself ran the schedules. The app now
 * keeps its state in <data dir>/logs/app-schedule-status.json; `daemon status` (a separate
 * process, signed in as nobody) reads it, and a stale file (the app gone) does not count.
 */
describe('daemon status while the app runs the schedules', () => {
  const status = (dataDir: string, json = false) => runCli(['--data-dir', dataDir, 'daemon', 'status', ...(json ? ['--json'] : [])]);
  const appFile = (dataDir: string) => readAppScheduleStatus(appScheduleStatusFile(dataDir));

  it('is healthy (exit 0) and names the app, its process, the user and since when; then not, once nobody eligible is signed in or the app closed', { timeout: 60_000 }, async () => {
    const { v, source, target } = await appVault();
    await v.admin.call('backups.plans.add', { name: 'tiny', sources: [source], target, schedule: '30 2 * * *', includeDatabase: false });
    const file = await until('the app status file with the plan', async () => {
      const f = appFile(v.dataDir);
      return f?.runner !== null && f?.plans.length === 1 ? f : null;
    });
    expect(file).toMatchObject({ format: APP_SCHEDULE_STATUS_FORMAT, pid: process.pid, stoppedAt: null, runner: { user: 'admin' }, plans: [{ plan: 'tiny', schedule: '30 2 * * *' }] });
    expect(appScheduleAlive(file)).toBe(true);
    // Another process's backend (a CLI command) reports the app as the runner too.
    expect(appScheduleStatus(v.dataDir)).toMatchObject({ runner: { kind: 'app', user: 'admin', since: file.runner?.since }, plans: [{ plan: 'tiny' }] });

    const ok = await status(v.dataDir);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^Schedules: run by the app \\(process ${process.pid}\\) for admin, since ${file.runner?.since.slice(0, 19)}Z; updated `));
    expect(ok.stdout).toMatch(/^Daemon: not running \(not needed while the app runs the schedules\)$/m);
    expect(ok.stdout).toMatch(/^tiny +at 02:30 every day +never run +/m);
    expect(ok.stdout).not.toMatch(/Problems/);
    const asJson = JSON.parse((await status(v.dataDir, true)).stdout) as { running: boolean; runner: unknown; problems: string[]; plans: unknown[] };
    expect(asJson).toMatchObject({ running: false, runner: { kind: 'app', pid: process.pid, user: 'admin' }, problems: [], plans: [{ plan: 'tiny' }] });

    // Nobody allowed to run backups signed in: the app is open but runs nothing.
    await v.admin.call('auth.logout', {});
    await until('the file without a runner', async () => appFile(v.dataDir)?.runner === null);
    const waiting = await status(v.dataDir);
    expect(waiting.code).toBe(1);
    expect(waiting.stdout).toMatch(/^Daemon: not running\nApp: open \(process \d+\), running no schedules\n/);
    expect(waiting.stdout).toContain(`the app (process ${process.pid}) is open but runs no schedules (nobody allowed to run backups is signed in`);

    // Back, then the app closes: its file says so, and nobody runs them.
    await v.signIn('admin');
    await until('the runner back', async () => appFile(v.dataDir)?.runner?.user === 'admin');
    expect((await status(v.dataDir)).code).toBe(0);
    v.backend.close();
    const closed = appFile(v.dataDir);
    expect(closed).toMatchObject({ runner: null, stoppedAt: expect.any(String) as unknown });
    const after = await status(v.dataDir);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/the app is not running the schedules: it closed at /);
    expect(appScheduleStatus(v.dataDir)).toBeNull();
  });

  it('a stale file (the app crashed, or its pid now belongs to another process) is not healthy', { timeout: 60_000 }, async () => {
    files = makeTempDataDir('app-status');
    const file = appScheduleStatusFile(files);
    const at = '2026-03-14T09:00:00.000Z';
    const crashed: AppScheduleStatus = {
      format: APP_SCHEDULE_STATUS_FORMAT, pid: 2 ** 22 + 17, processStart: null, startedAt: at, updatedAt: at, stoppedAt: null,
      runner: { user: 'admin', since: at }, note: null, plans: [],
    };
    writeAppScheduleStatus(file, crashed);
    expect(appScheduleAlive(crashed)).toBe(false);
    const gone = await status(files, true);
    expect(gone.code).toBe(1);
    const out = JSON.parse(gone.stdout) as { runner: unknown; app: { alive: boolean }; problems: string[] };
    expect(out.runner).toBeNull();
    expect(out.app.alive).toBe(false);
    expect(out.problems).toEqual([
      `the daemon is not running: it never ran on ${files}`,
      'the app is not running the schedules: its process 4194321 has ended without closing (last update 2026-03-14T09:00:00Z)',
    ]);
    expect(appScheduleStatus(files)).toBeNull();

    // A live pid that started at another time than the app did: a pid reused after a crash.
    if (process.platform === 'linux') {
      const reused = { ...crashed, pid: process.pid, processStart: '1' };
      writeAppScheduleStatus(file, reused);
      expect(appScheduleAlive(reused)).toBe(false);
      expect((await status(files)).code).toBe(1);
    }
  });
});
