import type { AppScheduleStatus, DaemonStatus, PlanRunStatus } from '../../api';
import { EXIT } from '../CliError';
import { formatTable, toJson } from '../format';
import type { CommandSpec } from '../types';

/** To the second, UTC; "-" for none. */
const at = (iso: string | null): string => (iso === null ? '-' : `${iso.slice(0, 19)}Z`);

/** Who runs the schedules now, if anyone: a live daemon first (the app defers to it), else a live app signed in for someone. */
type Runner =
  | { kind: 'daemon'; pid: number; user: string; since: string; updatedAt: string }
  | { kind: 'app'; pid: number; user: string; since: string; updatedAt: string };

export const daemonStatus: CommandSpec = {
  words: ['daemon', 'status'],
  positionals: [],
  summary: 'whether the backup schedules run (by the daemon, or by the app) and each plan\'s last run and verification succeeded (exit 0 if all is well, 4 if a backup failed verification, else 1)',
  // Reads the status files in <data dir>/logs only: no passphrase, so monitoring can call it.
  session: 'offline',
  options: {},
  details: [
    'Reads <data dir>/logs/daemon-status.json, which the daemon rewrites on every change, and',
    'app-schedule-status.json, which the app (desktop or `firebreak serve`) rewrites while it hosts the',
    'schedules, without signing in. The app runs them only while someone allowed to run backups is',
    'signed in, in that user\'s name; a live daemon runs them instead. Exit 0: the daemon runs, or the app',
    'runs them (for a signed-in user), and no plan\'s last run failed. Exit 1: nobody runs them (no',
    'daemon; the app closed, crashed or has nobody allowed signed in) or a plan\'s last run failed (also',
    'while its retry is pending), or a scheduled verification could not run. Exit 4: a scheduled',
    'verification found a backup damaged (this wins over 1). Each problem is named. --json: the state',
    '(runner: who runs them, or null), the daemon\'s and the app\'s files, and the problems.',
  ].join('\n'),
  examples: ['firebreak daemon status', 'firebreak daemon status --json | jq -r \'.problems[]\''],
  run: async (ctx) => {
    const { appScheduleAlive, appScheduleStatusFile, daemonAlive, daemonFiles, readAppScheduleStatus, readDaemonStatus } = await import('../../api');
    const status = readDaemonStatus(daemonFiles(ctx.dataDir).status);
    const running = status !== null && status.stoppedAt === null && daemonAlive(status.pid);
    const app = readAppScheduleStatus(appScheduleStatusFile(ctx.dataDir));
    const appAlive = app !== null && appScheduleAlive(app);
    const runner: Runner | null = running
      ? { kind: 'daemon', pid: status.pid, user: status.user, since: status.startedAt, updatedAt: status.updatedAt }
      : appAlive && app.runner !== null
        ? { kind: 'app', pid: app.pid, user: app.runner.user, since: app.runner.since, updatedAt: app.updatedAt }
        : null;
    // The plans as whoever runs them sees them; with nobody, the daemon's last word (the app's says nothing without a runner).
    const plans = runner?.kind === 'app' ? app?.plans ?? [] : (status?.plans ?? []);
    const problems = problemsOf(ctx.dataDir, status, running, app, appAlive, runner, plans);
    if (ctx.json) {
      ctx.print(toJson({ running, ...(status ?? {}), runner, app: app === null ? null : { ...app, alive: appAlive }, plans, problems }));
    } else {
      ctx.print(formatStatus(status, running, app, appAlive, runner, plans, problems));
    }
    const damaged = plans.some((p) => (p.verify?.problems.length ?? 0) > 0 && p.verify?.lastResult === 'failed');
    return damaged ? EXIT.integrity : problems.length === 0 ? EXIT.ok : EXIT.error;
  },
};

function problemsOf(
  dataDir: string, status: DaemonStatus | null, running: boolean, app: AppScheduleStatus | null, appAlive: boolean, runner: Runner | null, plans: PlanRunStatus[],
): string[] {
  const problems: string[] = [];
  if (runner === null) {
    problems.push(status === null
      ? `the daemon is not running: it never ran on ${dataDir}`
      : status.stoppedAt !== null
        ? `the daemon is not running: it stopped at ${at(status.stoppedAt)}`
        : `the daemon is not running: its process ${status.pid} has ended without stopping it (last update ${at(status.updatedAt)})`);
    // Why the app does not run them either, when there is or was one.
    if (app !== null) {
      if (!appAlive) {
        problems.push(app.stoppedAt !== null
          ? `the app is not running the schedules: it closed at ${at(app.stoppedAt)}`
          : `the app is not running the schedules: its process ${app.pid} has ended without closing (last update ${at(app.updatedAt)})`);
      } else {
        problems.push(`the app (process ${app.pid}) is open but runs no schedules (${app.note ?? 'nobody allowed to run backups is signed in'})`);
      }
    }
  }
  for (const p of plans) {
    if (p.lastResult !== 'failed') continue;
    const retry = p.retryAt !== null ? `; retry at ${at(p.retryAt)}` : runner !== null && p.schedule !== null ? '; gave up until the next scheduled run' : '';
    problems.push(`${p.plan}: last run failed at ${at(p.lastRunAt)} (${p.failures} in a row): ${p.lastError ?? 'unknown error'}${retry}`);
  }
  for (const p of plans) {
    // Status files of daemons from before scheduled verification have no `verify`.
    const v = p.verify ?? null;
    if (v === null || v.lastResult !== 'failed') continue;
    const retry = v.retryAt !== null ? `; retry at ${at(v.retryAt)}` : '';
    problems.push(`${p.plan}: scheduled ${v.level} verification failed at ${at(v.lastRunAt)}: ${v.lastError ?? 'unknown error'}${retry}`);
  }
  return problems;
}

function formatStatus(
  status: DaemonStatus | null, running: boolean, app: AppScheduleStatus | null, appAlive: boolean, runner: Runner | null, plans: PlanRunStatus[], problems: string[],
): string {
  const lines: string[] = [];
  if (runner?.kind === 'app') {
    lines.push(`Schedules: run by the app (process ${runner.pid}) for ${runner.user}, since ${at(runner.since)}; updated ${at(runner.updatedAt)}`);
    lines.push(status === null ? 'Daemon: not running (not needed while the app runs the schedules)' : `Daemon: not running (was process ${status.pid}, user ${status.user}; not needed while the app runs the schedules)`);
  } else if (status === null) {
    lines.push('Daemon: not running');
  } else {
    lines.push(running
      ? `Daemon: running (process ${status.pid}, user ${status.user}, since ${at(status.startedAt)}; updated ${at(status.updatedAt)})`
      : `Daemon: not running (was process ${status.pid}, user ${status.user}; last update ${at(status.updatedAt)})`);
  }
  if (runner === null && app !== null) {
    lines.push(appAlive ? `App: open (process ${app.pid}), running no schedules` : `App: not running (was process ${app.pid}; last update ${at(app.updatedAt)})`);
  }
  const showPlans = runner !== null || status !== null;
  if (showPlans) {
    const rows = plans.map((p: PlanRunStatus) => [
      p.plan,
      p.schedule === null ? 'on demand' : (p.scheduleText ?? p.schedule),
      p.running ? 'running' : (p.lastResult ?? 'never run'),
      at(p.lastRunAt),
      at(p.nextRunAt),
      p.lastBackupId ?? '-',
      verifyColumn(p.verify ?? null),
    ]);
    lines.push('', rows.length === 0 ? 'No backup plans.' : formatTable(['PLAN', 'SCHEDULE', 'LAST RESULT', 'LAST RUN', 'NEXT RUN', 'LAST BACKUP', 'VERIFICATION'], rows));
  }
  if (problems.length > 0) lines.push('', 'Problems:', ...problems.map((p) => `  ${p}`));
  return lines.join('\n');
}

function verifyColumn(v: PlanRunStatus['verify']): string {
  if (v === null) return 'not scheduled';
  const result = v.running ? 'running' : v.lastResult === null ? 'not run yet' : v.lastResult === 'ok' ? `ok ${at(v.lastRunAt)}` : `FAILED ${at(v.lastRunAt)}`;
  return `${v.level}, ${result}; next ${at(v.nextRunAt)}`;
}
