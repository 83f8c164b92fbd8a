import type { BackupSummary } from '../../../../contract';
import { BackupScheduler, type PlanRunStatus, type ScheduledPlan, type TaskKind, type VerifyOutcome } from '../../../../main/backups';
import { FakeTime } from './FakeTime';

/** Local time, as node-cron reads expressions. */
export const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s);
export const MIN = 60_000;
export const LONG_AGO = local(2026, 1, 1).toISOString();

export const daily: ScheduledPlan = { name: 'nightly', schedule: '30 2 * * *', scheduleText: 'at 02:30 every day', createdAt: LONG_AGO };
export const quarterly: ScheduledPlan = { name: 'quarter', schedule: '*/15 * * * *', createdAt: LONG_AGO };

export function summary(plan: string, n: number, at: Date): BackupSummary {
  const ts = at.toISOString();
  return {
    id: `${plan}-${n}`, plan, kind: 'full', parent: null, startedAt: ts, finishedAt: ts, files: 3, bytes: 30, storedFiles: 3, storedBytes: 30,
    archiveFile: `${plan}-${n}.tar.age`, manifestFile: `${plan}-${n}.manifest.age`, chainHead: null, containsDatabase: false, lastCheck: null, latestChecks: { quick: null, full: null, drill: null },
  };
}

/** A promise the test settles by hand: a backup that takes as long as the test says. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export type Verifier = (plan: string, n: number, signal: AbortSignal) => Promise<VerifyOutcome | null>;
export type Runner = (plan: string, n: number, signal: AbortSignal) => Promise<BackupSummary>;

/** The scheduler on a fake clock, with every run, verification, event, failure and log line recorded. */
export function harness(opts: {
  plans: ScheduledPlan[]; start: Date; last?: Record<string, Date>; run?: Runner; retryDelaysMs?: number[];
  /** Scheduled verification: what each check finds (n counts verifications); absent, the scheduler has no verifyPlan. */
  verify?: Verifier; lastVerified?: Record<string, Date>;
}) {
  const time = new FakeTime(opts.start.getTime());
  const runs: { plan: string; at: string }[] = [];
  const events: { type: string; data: Record<string, unknown> }[] = [];
  const failures: { plan: string; message: string; attempt: number; nextRetryAt: string | null; task?: TaskKind }[] = [];
  const verifications: { plan: string; level: string; at: string }[] = [];
  const lines: string[] = [];
  const changes: PlanRunStatus[][] = [];
  const run: Runner = opts.run ?? (async (plan, n) => summary(plan, n, time.now()));
  const scheduler = new BackupScheduler({
    plans: opts.plans,
    lastBackupAt: new Map(Object.entries(opts.last ?? {}).map(([k, v]) => [k, v.toISOString()])),
    timers: time,
    now: time.now,
    runPlan: (plan, signal) => {
      runs.push({ plan, at: time.now().toISOString() });
      return run(plan, runs.length, signal);
    },
    ...(opts.verify ? {
      verifyPlan: (plan: string, level: 'quick' | 'full', signal: AbortSignal) => {
        verifications.push({ plan, level, at: time.now().toISOString() });
        return opts.verify!(plan, verifications.length, signal);
      },
    } : {}),
    lastVerifiedAt: new Map(Object.entries(opts.lastVerified ?? {}).map(([k, v]) => [k, v.toISOString()])),
    record: (type, data) => events.push({ type, data }),
    log: (line) => lines.push(line),
    onFailure: (plan, err, attempt, next, task) => failures.push({ plan, message: err.message, attempt, nextRetryAt: next?.toISOString() ?? null, ...(task === 'verify' ? { task } : {}) }),
    onChange: (s) => changes.push(s),
    ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
  });
  const status = (plan: string) => scheduler.status().find((s) => s.plan === plan);
  return { time, runs, verifications, events, failures, lines, changes, scheduler, status };
}

