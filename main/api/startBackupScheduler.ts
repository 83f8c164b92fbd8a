import { ApiFailure, type BackupPlan, type BackupSummary, type MethodInput, type MethodName, type MethodOutput } from '../../contract';
import { BackupScheduler, nodeCronTimers, type PlanRunStatus, type SchedulerTimers, type TaskKind } from '../backups';
import type { Backend, Connection } from './types';

export type { PlanRunStatus } from '../backups';

export interface StartBackupSchedulerOptions {
  /** One line per run, failure and skip (the daemon writes them to stderr). */
  log?: (line: string) => void;
  /** Every change of the plans' status (the daemon persists it for `firebreak daemon status`). */
  onChange?: (status: PlanRunStatus[]) => void;
  onFailure?: (plan: string, error: Error, attempt: number, nextRetryAt: Date | null, task: TaskKind) => void;
  /** Default 1, 5 and 25 minutes. */
  retryDelaysMs?: readonly number[];
  /** Tests: a controllable clock and timers instead of the wall clock and node-cron. */
  now?: () => Date;
  timers?: SchedulerTimers;
}

export interface RunningBackupScheduler {
  status(): PlanRunStatus[];
  /** Re-reads the plans (added or removed since) and starts or stops their schedules. */
  refresh(): Promise<void>;
  /** Stops scheduling and waits for a run in progress (there is no cancel through the API). */
  stop(): Promise<void>;
}

/**
 * Starts the backup scheduler for the user signed in on `conn` (the daemon's, later the desktop
 * app's): plans, backups and runs go through the API like any other call, so the runs are
 * authorized, audited and attributed to that user; the scheduler's own events (retries, giving
 * up) go to the timeline through `backend.recordEvent`. The session must stay alive meanwhile
 * (`refresh()` is an API call, so calling it periodically also keeps it from going idle).
 */
export async function startBackupScheduler(
  backend: Pick<Backend, 'handle' | 'recordEvent'>,
  conn: Connection,
  opts: StartBackupSchedulerOptions = {},
): Promise<RunningBackupScheduler> {
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const r = await backend.handle(conn, method, input);
    if (!r.ok) {
      const { code, message, ...extra } = r.error;
      throw new ApiFailure(code, message, extra);
    }
    return r.value as MethodOutput<M>;
  };
  /** When each plan's newest backup finished, and when its backups were last checked at (at least) its verification level. */
  const history = async (plans: readonly BackupPlan[]) => {
    const backups: BackupSummary[] = await call('backups.list', {});
    const levels = new Map(plans.map((p) => [p.name, p.verifyLevel]));
    const lastBackup = new Map<string, string>();
    const lastVerified = new Map<string, string>();
    // Newest first: the first backup seen of each plan is its latest.
    for (const b of backups) {
      if (!lastBackup.has(b.plan)) lastBackup.set(b.plan, b.finishedAt);
      // The latest check of each kind that vouches for the plan's level: a full check or a drill
      // (which re-hashes every file as it restores) for `full`, any of them for `quick`.
      const kinds = levels.get(b.plan) === 'full' ? [b.latestChecks.full, b.latestChecks.drill] : [b.latestChecks.quick, b.latestChecks.full, b.latestChecks.drill];
      for (const check of kinds) {
        if (!check?.ok) continue;
        const seen = lastVerified.get(b.plan);
        if (seen === undefined || seen < check.at) lastVerified.set(b.plan, check.at);
      }
    }
    return { lastBackup, lastVerified };
  };
  const key = (p: BackupPlan) => JSON.stringify([p.name, p.schedule, p.createdAt, p.verifySchedule, p.verifyLevel]);

  const plans: BackupPlan[] = await call('backups.plans.list', {});
  const past = await history(plans);
  let known = new Set(plans.map(key));
  const scheduler = new BackupScheduler({
    plans,
    lastBackupAt: past.lastBackup,
    lastVerifiedAt: past.lastVerified,
    runPlan: (name) => call('backups.run', { name }),
    verifyPlan: async (plan, level) => {
      // Newest first: the plan's latest backup, whose full check covers every backup it needs.
      const newest = (await call('backups.list', { plan }))[0];
      if (!newest) return null;
      const check = await call('backups.verify', { id: newest.id, level });
      return { backupId: newest.id, ok: check.ok, problems: check.problems };
    },
    timers: opts.timers ?? nodeCronTimers(opts.log),
    record: (type, data) => {
      if (backend.recordEvent && !backend.recordEvent(conn, type, data)) throw new Error('the session has ended');
    },
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.onChange ? { onChange: opts.onChange } : {}),
    ...(opts.onFailure ? { onFailure: opts.onFailure } : {}),
  });
  scheduler.start();
  return {
    status: () => scheduler.status(),
    refresh: async () => {
      const fresh: BackupPlan[] = await call('backups.plans.list', {});
      // The backups list is read only when a plan is new (for its catch-up): it can be long.
      const added = fresh.some((p) => !known.has(key(p)));
      const since = added ? await history(fresh) : { lastBackup: new Map<string, string>(), lastVerified: new Map<string, string>() };
      scheduler.updatePlans(fresh, since.lastBackup, since.lastVerified);
      known = new Set(fresh.map(key));
    },
    stop: () => scheduler.stop(),
  };
}
