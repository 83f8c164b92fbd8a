import type { DaemonStatus, PlanRunStatus } from '../../api';
import { EXIT } from '../CliError';
import { formatTable, toJson } from '../format';
import type { CommandSpec } from '../types';

/** To the second, UTC; "-" for none. */
const at = (iso: string | null): string => (iso === null ? '-' : `${iso.slice(0, 19)}Z`);

export const daemonStatus: CommandSpec = {
  words: ['daemon', 'status'],
  positionals: [],
  summary: 'whether the backup daemon runs and each plan\'s last run and verification succeeded (exit 0 if all is well, 4 if a backup failed verification, else 1)',
  // Reads <data dir>/logs/daemon-status.json only: no passphrase, so monitoring can call it.
  session: 'offline',
  options: {},
  details: [
    'Reads <data dir>/logs/daemon-status.json, which the daemon rewrites on every change, without',
    'signing in. Exit 0: the daemon runs and no plan\'s last run failed. Exit 1: it does not run',
    '(stopped, crashed, or never started on this data directory) or a plan\'s last run failed (also',
    'while its retry is pending), or a scheduled verification could not run. Exit 4: a scheduled',
    'verification found a backup damaged (this wins over 1). Each problem is named. --json: the state',
    'and the problems.',
  ].join('\n'),
  examples: ['firebreak daemon status', 'firebreak daemon status --json | jq -r \'.problems[]\''],
  run: async (ctx) => {
    const { daemonAlive, daemonFiles, readDaemonStatus } = await import('../../api');
    const status = readDaemonStatus(daemonFiles(ctx.dataDir).status);
    const running = status !== null && status.stoppedAt === null && daemonAlive(status.pid);
    const problems = problemsOf(ctx.dataDir, status, running);
    if (ctx.json) {
      ctx.print(toJson({ running, ...(status ?? { plans: [] }), problems }));
    } else {
      ctx.print(formatStatus(status, running, problems));
    }
    const damaged = status?.plans.some((p) => (p.verify?.problems.length ?? 0) > 0 && p.verify?.lastResult === 'failed') ?? false;
    return damaged ? EXIT.integrity : problems.length === 0 ? EXIT.ok : EXIT.error;
  },
};

function problemsOf(dataDir: string, status: DaemonStatus | null, running: boolean): string[] {
  if (status === null) return [`the daemon is not running: it never ran on ${dataDir}`];
  const problems: string[] = [];
  if (!running) {
    problems.push(status.stoppedAt !== null
      ? `the daemon is not running: it stopped at ${at(status.stoppedAt)}`
      : `the daemon is not running: its process ${status.pid} has ended without stopping it (last update ${at(status.updatedAt)})`);
  }
  for (const p of status.plans) {
    if (p.lastResult !== 'failed') continue;
    const retry = p.retryAt !== null ? `; retry at ${at(p.retryAt)}` : running && p.schedule !== null ? '; gave up until the next scheduled run' : '';
    problems.push(`${p.plan}: last run failed at ${at(p.lastRunAt)} (${p.failures} in a row): ${p.lastError ?? 'unknown error'}${retry}`);
  }
  for (const p of status.plans) {
    // Status files of daemons from before scheduled verification have no `verify`.
    const v = p.verify ?? null;
    if (v === null || v.lastResult !== 'failed') continue;
    const retry = v.retryAt !== null ? `; retry at ${at(v.retryAt)}` : '';
    problems.push(`${p.plan}: scheduled ${v.level} verification failed at ${at(v.lastRunAt)}: ${v.lastError ?? 'unknown error'}${retry}`);
  }
  return problems;
}

function formatStatus(status: DaemonStatus | null, running: boolean, problems: string[]): string {
  if (status === null) return `Daemon: not running\n\nProblems:\n${problems.map((p) => `  ${p}`).join('\n')}`;
  const head = running
    ? `Daemon: running (process ${status.pid}, user ${status.user}, since ${at(status.startedAt)}; updated ${at(status.updatedAt)})`
    : `Daemon: not running (was process ${status.pid}, user ${status.user}; last update ${at(status.updatedAt)})`;
  const rows = status.plans.map((p: PlanRunStatus) => [
    p.plan,
    p.schedule === null ? 'on demand' : (p.scheduleText ?? p.schedule),
    p.running ? 'running' : (p.lastResult ?? 'never run'),
    at(p.lastRunAt),
    at(p.nextRunAt),
    p.lastBackupId ?? '-',
    verifyColumn(p.verify ?? null),
  ]);
  const table = rows.length === 0 ? 'No backup plans.' : formatTable(['PLAN', 'SCHEDULE', 'LAST RESULT', 'LAST RUN', 'NEXT RUN', 'LAST BACKUP', 'VERIFICATION'], rows);
  const tail = problems.length === 0 ? '' : `\n\nProblems:\n${problems.map((p) => `  ${p}`).join('\n')}`;
  return `${head}\n\n${table}${tail}`;
}

function verifyColumn(v: PlanRunStatus['verify']): string {
  if (v === null) return 'not scheduled';
  const result = v.running ? 'running' : v.lastResult === null ? 'not run yet' : v.lastResult === 'ok' ? `ok ${at(v.lastRunAt)}` : `FAILED ${at(v.lastRunAt)}`;
  return `${v.level}, ${result}; next ${at(v.nextRunAt)}`;
}
