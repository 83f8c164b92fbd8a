import type { PlanRunStatus, RunningBackupScheduler } from '../../api';
import { CliError, EXIT } from '../CliError';
import type { CommandContext, CommandSpec } from '../types';

/**
 * The daemon's session must outlive any quiet stretch: the plans are re-read every minute (an API
 * call, which keeps the session fresh), and the idle timeout is a day, so a suspended machine or a
 * long synchronous step (the database snapshot) never locks the vault under a running backup.
 */
const DAEMON_IDLE_MS = 24 * 60 * 60_000;
const REFRESH_MS = 60_000;

export const daemon: CommandSpec = {
  words: ['daemon'],
  positionals: [],
  summary: 'run scheduled backups headless until SIGTERM or Ctrl+C (servers; see `daemon status`)',
  session: 'login',
  options: {},
  backendOptions: () => ({ idleTimeoutMs: DAEMON_IDLE_MS }),
  details: [
    'Signs in (as --user, default the first administrator; the role needs backup:run), keeps the vault',
    'unlocked and runs every plan that has a --schedule. A slot missed while no daemon ran is caught up',
    'once at start; a plan never runs twice at once (other processes included); a failed run is retried',
    'after 1, 5 and 25 minutes, then given up on until its next slot. Each run is a line on stderr and',
    'events in the timeline. The state is kept in <data dir>/logs/daemon-status.json for `daemon status`.',
    'Plans added or removed while it runs are picked up within a minute. SIGTERM or SIGINT: stops',
    'scheduling, waits for a running backup to finish and exits 0; a second signal exits at once (the',
    'interrupted run keeps nothing). Exits 1 if the session ends (the vault was locked).',
  ].join('\n'),
  examples: [
    'firebreak daemon --user backup-bot --passphrase-file /etc/firebreak/passphrase',
    'FIREBREAK_PASSPHRASE=… firebreak daemon --data-dir /srv/firebreak 2>>/var/log/firebreak-daemon.log',
  ],
  run: runDaemon,
};

async function runDaemon(ctx: CommandContext): Promise<number> {
  const session = await ctx.call('auth.session', {});
  if (session === null) throw new CliError('not signed in', EXIT.auth);
  for (const needed of ['backup:read', 'backup:run'] as const) {
    if (!session.permissions.includes(needed)) {
      throw new CliError(`${session.user} (${session.role}) may not run backups (needs ${needed}): sign in as an admin or a backup-operator`, EXIT.auth);
    }
  }
  // The scheduler comes with the backups domain: loaded when the daemon starts, not for `--help`.
  const api = await import('../../api');
  const files = api.daemonFiles(ctx.dataDir);
  let release: () => void;
  try {
    release = api.acquireDaemonLock(files.lock);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.error);
  }
  try {
    return await serveSchedule(api, ctx, session.user, files.status);
  } finally {
    release();
  }
}

async function serveSchedule(api: typeof import('../../api'), ctx: CommandContext, user: string, statusFile: string): Promise<number> {
  const { DAEMON_STATUS_FORMAT, startBackupScheduler, writeDaemonStatus } = api;
  const log = (line: string) => ctx.note(`${new Date().toISOString()} ${line}`);
  const startedAt = new Date().toISOString();
  let stoppedAt: string | null = null;
  const persist = (plans: PlanRunStatus[]) => {
    writeDaemonStatus(statusFile, { format: DAEMON_STATUS_FORMAT, pid: process.pid, user, startedAt, updatedAt: new Date().toISOString(), stoppedAt, plans });
  };
  const record = (type: string, data: Record<string, unknown>) => ctx.backend.recordEvent?.(ctx.conn, type, data);

  log(`daemon starting (process ${process.pid}, user ${user}, data directory ${ctx.dataDir})`);
  const scheduler: RunningBackupScheduler = await startBackupScheduler(ctx.backend, ctx.conn, { log, onChange: persist });
  const scheduled = scheduler.status().filter((p) => p.schedule !== null);
  log(scheduled.length === 0 ? 'no plan has a schedule yet (plans added later are picked up within a minute)' : `scheduled: ${scheduled.map((p) => `${p.plan} (${p.schedule ?? ''})`).join(', ')}`);
  record('backup.scheduler_started', { pid: process.pid, plans: scheduled.map((p) => p.plan) });

  const cleanup: (() => void)[] = [];
  const end = await new Promise<{ code: number; why: string }>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => resolve({ code: EXIT.ok, why: `received ${signal}` });
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    cleanup.push(() => process.off('SIGINT', onSignal), () => process.off('SIGTERM', onSignal));
    cleanup.push(ctx.backend.subscribe(ctx.conn, 'session.ended', (p) => resolve({ code: EXIT.error, why: `the session ended (${p.reason})` })));
    // Also keeps the process alive when no plan has a schedule (nothing else holds the event loop).
    const refresh = setInterval(() => {
      scheduler.refresh().catch((err: unknown) => {
        const code = (err as { code?: unknown }).code;
        if (code === 'UNAUTHENTICATED' || code === 'LOCKED') resolve({ code: EXIT.error, why: `the session ended (${(err as Error).message})` });
        else log(`could not re-read the plans: ${(err as Error).message}`);
      });
    }, REFRESH_MS);
    cleanup.push(() => clearInterval(refresh));
  });
  for (const undo of cleanup.splice(0)) undo();

  const running = scheduler.status().filter((p) => p.running).map((p) => p.plan);
  log(`${end.why}: stopping${running.length > 0 ? `; waiting for the backup of ${running.join(', ')} to finish (signal again to quit at once)` : ''}`);
  const force = (signal: NodeJS.Signals) => {
    log(`received ${signal} again: quitting now; the interrupted run keeps nothing (the next run removes its leftovers)`);
    process.exit(EXIT.error);
  };
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  try {
    await scheduler.stop();
  } finally {
    process.off('SIGINT', force);
    process.off('SIGTERM', force);
  }
  stoppedAt = new Date().toISOString();
  persist(scheduler.status());
  record('backup.scheduler_stopped', { pid: process.pid, reason: end.why });
  log('daemon stopped');
  return end.code;
}
