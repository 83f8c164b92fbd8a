import { ApiFailure, type BackupPlan, type BackupSummary, type MethodInput, type MethodName, type MethodOutput } from '../../contract';
import { BackupScheduler, nodeCronTimers, type PlanRunStatus, type SchedulerTimers } from '../backups';
import type { Backend, Connection } from './types';

export type { PlanRunStatus } from '../backups';

export interface StartBackupSchedulerOptions {
  /** One line per run, failure and skip (the daemon writes them to stderr). */
  log?: (line: string) => void;
  /** Every change of the plans' status (the daemon persists it for `firebreak daemon status`). */
  onChange?: (status: PlanRunStatus[]) => void;
  onFailure?: (plan: string, error: Error, attempt: number, nextRetryAt: Date | null) => void;
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
  const lastBackups = async () => {
    const backups: BackupSummary[] = await call('backups.list', {});
    const last = new Map<string, string>();
    // Newest first: the first backup seen of each plan is its latest.
    for (const b of backups) if (!last.has(b.plan)) last.set(b.plan, b.finishedAt);
    return last;
  };
  const key = (p: BackupPlan) => JSON.stringify([p.name, p.schedule, p.createdAt]);

  const plans: BackupPlan[] = await call('backups.plans.list', {});
  const last = await lastBackups();
  let known = new Set(plans.map(key));
  const scheduler = new BackupScheduler({
    plans,
    lastBackupAt: last,
    runPlan: (name) => call('backups.run', { name }),
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
      scheduler.updatePlans(fresh, added ? await lastBackups() : new Map());
      known = new Set(fresh.map(key));
    },
    stop: () => scheduler.stop(),
  };
}
