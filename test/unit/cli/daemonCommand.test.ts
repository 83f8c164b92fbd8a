import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../contract';
import { acquireDaemonLock, daemonAlive, type DaemonStatus } from '../../../main/api';
import { createBackend } from '../../../main/api';
import { signedIn } from '../../helpers/client';
import { ADMIN, ADMIN_PASS, createTestVault, TEST_LOG_N } from '../../helpers/testVault';
import { BIN, REPO_ROOT, runCli } from './runCli';

const env = { FIREBREAK_PASSPHRASE: ADMIN_PASS };
let tmp: string;
let dataDir: string;
let daemon: ChildProcessWithoutNullStreams | null = null;

const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], env);
const statusFile = () => join(dataDir, 'logs', 'daemon-status.json');

async function until<T>(what: string, probe: () => T | null, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fb-daemon-'));
  dataDir = join(tmp, 'data');
  const share = join(tmp, 'share');
  mkdirSync(share);
  writeFileSync(join(share, 'notes.txt'), 'incident notes\n');
  // Set up through the API (fast test KDF), then let the CLI processes open the same vault.
  const vault = await createTestVault({ dataDir });
  await vault.admin.call('backups.plans.add', { name: 'tiny', sources: [share], target: join(tmp, 'target'), schedule: '* * * * * *', includeDatabase: false });
  vault.backend.close();
});

afterAll(() => {
  if (daemon && daemon.exitCode === null) daemon.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

describe('a daemon\'s pid, after a crash and a reboot, may belong to another program', () => {
  it.runIf(process.platform === 'linux')('which neither passes for a daemon nor keeps one from starting', { timeout: 30_000 }, async () => {
    const other = spawn('sleep', ['30']);
    const lookalike = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', 'daemon']);
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect(daemonAlive(other.pid ?? 0)).toBe(false);
      expect(daemonAlive(lookalike.pid ?? 0)).toBe(true);
      expect(daemonAlive(2 ** 22 + 17)).toBe(false);
      const lock = join(tmp, 'locks', 'daemon.pid');
      mkdirSync(join(tmp, 'locks'));
      writeFileSync(lock, `${other.pid}\n`);
      const release = acquireDaemonLock(lock);
      expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
      release();
      writeFileSync(lock, `${lookalike.pid}\n`);
      expect(() => acquireDaemonLock(lock)).toThrow(`a backup daemon already runs on ${tmp} (process ${lookalike.pid})`);
    } finally {
      other.kill();
      lookalike.kill();
    }
  });
});

describe.sequential('firebreak daemon', () => {
  it('daemon status exits 1 before any daemon ran, without signing in', { timeout: 60_000 }, async () => {
    const r = await runCli(['--data-dir', dataDir, 'daemon', 'status']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Daemon: not running\n/);
    expect(r.stdout).toContain(`the daemon is not running: it never ran on ${dataDir}`);
  });

  it('runs a plan scheduled every second, reports it, refuses a second daemon and stops on SIGTERM', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir, 'daemon'], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    daemon = child;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    const status = await until('a successful scheduled run in daemon-status.json', () => {
      if (child.exitCode !== null) throw new Error(`the daemon exited ${child.exitCode}: ${stderr}`);
      if (!existsSync(statusFile())) return null;
      const s = JSON.parse(readFileSync(statusFile(), 'utf8')) as DaemonStatus;
      return s.plans[0]?.lastResult === 'ok' && s.plans[0].lastBackupId !== null ? s : null;
    }, 60_000);
    expect(status).toMatchObject({ format: 'firebreak-daemon-status/1', pid: child.pid, user: 'admin', stoppedAt: null });

    const list = await cli('backup', 'list', '--json');
    expect(list.code).toBe(0);
    const backups = JSON.parse(list.stdout) as BackupSummary[];
    expect(backups.map((b) => b.id)).toContain(status.plans[0]?.lastBackupId);

    const ok = await runCli(['--data-dir', dataDir, 'daemon', 'status']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^Daemon: running \\(process ${child.pid}, user admin, since `));
    expect(ok.stdout).toMatch(/^tiny +.* +(ok|running) +/m);
    const json = await runCli(['--data-dir', dataDir, 'daemon', 'status', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ running: true, pid: child.pid, problems: [], plans: [{ plan: 'tiny', schedule: '* * * * * *' }] });

    const second = await cli('daemon');
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`firebreak: a backup daemon already runs on ${dataDir} (process ${child.pid})\n`);

    const sent = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - sent).toBeLessThan(15_000);
    expect(stderr).toMatch(/tiny: (catch-up|schedule) run started/);
    expect(stderr).toMatch(/tiny: done: tiny-/);
    expect(stderr).toMatch(/received SIGTERM: stopping/);
    expect(stderr).toMatch(/daemon stopped\n$/);
    expect(existsSync(join(dataDir, 'logs', 'daemon.pid'))).toBe(false);

    const after = await runCli(['--data-dir', dataDir, 'daemon', 'status']);
    expect(after.code).toBe(1);
    expect(after.stdout).toMatch(/^Daemon: not running \(was process \d+, user admin;/);
    expect(after.stdout).toMatch(/the daemon is not running: it stopped at /);

    // The daemon's start and stop and its runs are in the timeline, under the daemon's user.
    expect((await cli('log', 'verify')).code).toBe(0);
    const backend = await createBackend({ dataDir, testOnlyKdfLogN: TEST_LOG_N });
    try {
      const admin = await signedIn(backend, ADMIN, ADMIN_PASS);
      for (const type of ['backup.scheduler_started', 'backup.scheduler_stopped', 'backup.completed']) {
        const page = await admin.call('audit.list', { type });
        expect(page.rows[0], type).toMatchObject({ actor: ADMIN });
      }
      const stopped = await admin.call('audit.list', { type: 'backup.scheduler_stopped' });
      expect(stopped.rows[0]?.data).toEqual({ pid: child.pid, reason: 'received SIGTERM' });
    } finally {
      backend.close();
    }
  });

  it('daemon status names a crashed daemon (its process is gone) and a failed plan', { timeout: 60_000 }, async () => {
    const s = JSON.parse(readFileSync(statusFile(), 'utf8')) as DaemonStatus;
    const crashed: DaemonStatus = {
      ...s, pid: 2 ** 22 + 17, stoppedAt: null,
      plans: s.plans.map((p) => ({ ...p, lastResult: 'failed', lastError: 'target not mounted', failures: 2, retryAt: '2026-11-22T02:36:00.000Z' })),
    };
    writeFileSync(statusFile(), JSON.stringify(crashed));
    const r = await runCli(['--data-dir', dataDir, 'daemon', 'status', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { running: boolean; problems: string[] };
    expect(out.running).toBe(false);
    expect(out.problems).toEqual([
      expect.stringMatching(/^the daemon is not running: its process 4194321 has ended without stopping it \(last update /),
      expect.stringMatching(/^tiny: last run failed at .* \(2 in a row\): target not mounted; retry at 2026-11-22T02:36:00Z$/),
    ]);
  });

  it('daemon status exits 4 when a scheduled verification found a backup damaged, and names it', { timeout: 60_000 }, async () => {
    const s = JSON.parse(readFileSync(statusFile(), 'utf8')) as DaemonStatus;
    const problem = 'archive tiny-1.tar.age: payload chunk 3 failed authentication: the file is damaged or truncated';
    const damaged: DaemonStatus = {
      ...s,
      plans: s.plans.map((p) => ({
        ...p, lastResult: 'ok', lastError: null, failures: 0, retryAt: null,
        verify: {
          schedule: '0 6 * * 0', scheduleText: 'at 06:00 on Sun', level: 'full', nextRunAt: null, lastRunAt: '2026-11-22T06:00:00.000Z',
          lastResult: 'failed', lastError: `tiny-1 failed full verification: 1 problem, first: ${problem}`, lastBackupId: 'tiny-1',
          running: false, failures: 1, retryAt: null, problems: [problem],
        },
      })),
    };
    writeFileSync(statusFile(), JSON.stringify(damaged));
    const r = await runCli(['--data-dir', dataDir, 'daemon', 'status', '--json']);
    expect(r.code).toBe(4);
    const out = JSON.parse(r.stdout) as { problems: string[] };
    expect(out.problems).toContain(`tiny: scheduled full verification failed at 2026-11-22T06:00:00Z: tiny-1 failed full verification: 1 problem, first: ${problem}`);
    const text = await runCli(['--data-dir', dataDir, 'daemon', 'status']);
    expect(text.code).toBe(4);
    expect(text.stdout).toMatch(/VERIFICATION/);
    expect(text.stdout).toMatch(/full, FAILED 2026-11-22T06:00:00Z/);
  });
});
