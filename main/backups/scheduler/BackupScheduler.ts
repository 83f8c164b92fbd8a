import type { BackupSummary } from '../../../contract';
import { compileCron, type CronSpec } from './compileCron';
import { nextFireTime } from './nextFireTime';
import { previousFireTime } from './previousFireTime';
import type { CronHandle, SchedulerTimers, TimerHandle } from './SchedulerTimers';

/** What the scheduler needs of a plan. */
export interface ScheduledPlan {
  name: string;
  /** A cron expression, or null for a plan run only on demand (listed, never started). */
  schedule: string | null;
  scheduleText?: string | null;
  /** ISO time: a plan never backed up is caught up only for a slot after it was created. */
  createdAt: string;
}

/** One plan's state, as `firebreak daemon status` and the UI show it. Times are ISO strings. */
export interface PlanRunStatus {
  plan: string;
  schedule: string | null;
  scheduleText: string | null;
  nextRunAt: string | null;
  /** When the last run ended (or the plan's newest backup finished, before any run here). */
  lastRunAt: string | null;
  lastResult: 'ok' | 'failed' | null;
  lastError: string | null;
  lastBackupId: string | null;
  running: boolean;
  /** Failed runs in a row (0 after a success). */
  failures: number;
  /** When the pending retry starts, if one is pending. */
  retryAt: string | null;
}

export type RunReason = 'schedule' | 'catch-up' | 'retry';

export interface BackupSchedulerOptions {
  /** Runs one backup of the plan; rejects on failure (an error with `code: 'CONFLICT'` is "already running elsewhere"). */
  runPlan(plan: string, signal: AbortSignal): Promise<BackupSummary>;
  plans: readonly ScheduledPlan[];
  /** When each plan's newest backup finished (ISO), for catch-up; plans without one are absent. */
  lastBackupAt: ReadonlyMap<string, string>;
  timers: SchedulerTimers;
  now?: () => Date;
  /** Waits before retry 1, 2, 3…; a failure after the last is given up on. Default 1, 5, 25 minutes. */
  retryDelaysMs?: readonly number[];
  /** A timeline event (`backup.retry_scheduled`, `backup.gave_up`). */
  record?(type: string, data: Record<string, unknown>): void;
  /** One line per run start, end, failure and skip. */
  log?(line: string): void;
  /** A failed attempt (1 = the first run of a series); `nextRetryAt` null when given up. */
  onFailure?(plan: string, error: Error, attempt: number, nextRetryAt: Date | null): void;
  /** Any change of status(): a run started or ended, a retry was scheduled, plans changed. */
  onChange?(status: PlanRunStatus[]): void;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 25 * 60_000];

interface PlanState {
  plan: ScheduledPlan;
  spec: CronSpec | null;
  task: CronHandle | null;
  /** Attempts in the current series (a scheduled run and its retries). */
  attempt: number;
  retry: TimerHandle | null;
  retryAt: Date | null;
  lastRunAt: Date | null;
  lastResult: 'ok' | 'failed' | null;
  lastError: string | null;
  lastBackupId: string | null;
  failures: number;
  /** A skipped tick was logged for the current run (ticks every second would flood the log). */
  toldSkipped: boolean;
  removed: boolean;
}

const errorOf = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
const codeOf = (err: unknown): unknown => (typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined);
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/**
 * Runs backup plans on their cron schedules (ARCHITECTURE.md §4): a run missed while nothing was
 * running is caught up once at start; a plan never runs twice at once here (and the plan lock
 * keeps other processes out: their CONFLICT is a skip, not a failure); a failed run is retried
 * with backoff, then given up on until its next slot. Every failure reaches `onFailure`, the
 * timeline (`record`) and `log`.
 */
export class BackupScheduler {
  private readonly states = new Map<string, PlanState>();
  /** Runs in progress by plan name, also of plans dropped meanwhile (removed or re-created). */
  private readonly active = new Map<string, { run: Promise<void>; controller: AbortController }>();
  private readonly now: () => Date;
  private readonly delays: readonly number[];
  private started = false;
  private stopped = false;

  constructor(private readonly opts: BackupSchedulerOptions) {
    this.now = opts.now ?? (() => new Date());
    this.delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  /** Starts the cron tasks and the catch-up runs (not awaited: see `idle()`). */
  start(): void {
    if (this.started) throw new Error('the backup scheduler was already started');
    this.started = true;
    for (const plan of this.opts.plans) this.add(plan, this.opts.lastBackupAt.get(plan.name) ?? null);
    this.changed();
  }

  /**
   * Takes a new list of plans (added, removed or re-created elsewhere): removed plans stop
   * (a run in progress finishes), new ones start and are caught up like at start.
   */
  updatePlans(plans: readonly ScheduledPlan[], lastBackupAt: ReadonlyMap<string, string>): void {
    if (!this.started || this.stopped) return;
    const wanted = new Map(plans.map((p) => [p.name, p]));
    for (const [name, s] of this.states) {
      const next = wanted.get(name);
      if (next && next.schedule === s.plan.schedule && next.createdAt === s.plan.createdAt) continue;
      this.drop(s);
    }
    for (const plan of plans) if (!this.states.has(plan.name)) this.add(plan, lastBackupAt.get(plan.name) ?? null);
    this.changed();
  }

  status(): PlanRunStatus[] {
    const now = this.now();
    return [...this.states.values()].map((s) => ({
      plan: s.plan.name,
      schedule: s.plan.schedule,
      scheduleText: s.plan.scheduleText ?? s.plan.schedule,
      nextRunAt: iso(s.spec && !this.stopped ? nextFireTime(s.spec, now) : null),
      lastRunAt: iso(s.lastRunAt),
      lastResult: s.lastResult,
      lastError: s.lastError,
      lastBackupId: s.lastBackupId,
      running: this.active.has(s.plan.name),
      failures: s.failures,
      retryAt: iso(s.retryAt),
    }));
  }

  /** Resolves when no run is in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.all([...this.active.values()].map((a) => a.run));
  }

  /**
   * Stops the cron tasks and pending retries, then waits for runs in progress to end; with
   * `cancel` they are aborted (a cancelled run keeps nothing).
   */
  async stop(opts: { cancel?: boolean } = {}): Promise<void> {
    this.stopped = true;
    for (const s of this.states.values()) {
      s.task?.stop();
      s.task = null;
      this.cancelRetry(s);
    }
    if (opts.cancel) for (const a of this.active.values()) a.controller.abort();
    this.changed();
    await this.idle();
  }

  private add(plan: ScheduledPlan, lastBackupAt: string | null): void {
    const s: PlanState = {
      plan, spec: null, task: null, attempt: 0, retry: null, retryAt: null,
      lastRunAt: lastBackupAt === null ? null : new Date(lastBackupAt), lastResult: lastBackupAt === null ? null : 'ok',
      lastError: null, lastBackupId: null, failures: 0, toldSkipped: false, removed: false,
    };
    this.states.set(plan.name, s);
    if (plan.schedule === null) return;
    try {
      s.spec = compileCron(plan.schedule);
    } catch (err) {
      s.lastResult = 'failed';
      s.lastError = `schedule "${plan.schedule}" is not valid: ${errorOf(err).message}`;
      this.log(`${plan.name}: ${s.lastError}; not scheduled`);
      return;
    }
    s.task = this.opts.timers.cron(plan.schedule, plan.name, () => this.trigger(s, 'schedule'), (slot) => this.missed(s, slot));
    // Catch-up: one run for the latest slot that passed without a backup, however many did.
    const due = previousFireTime(s.spec, this.now());
    const last = lastBackupAt === null ? Date.parse(plan.createdAt) : Date.parse(lastBackupAt);
    if (due !== null && due.getTime() > last) {
      this.log(`${plan.name}: the run due at ${due.toISOString()} was missed; catching up now`);
      void this.trigger(s, 'catch-up');
    }
  }

  private drop(s: PlanState): void {
    s.removed = true;
    s.task?.stop();
    s.task = null;
    this.cancelRetry(s);
    this.states.delete(s.plan.name);
  }

  /** A slot passed while the process was blocked or asleep: one catch-up, unless a run is under way or due. */
  private missed(s: PlanState, slot: Date): void {
    if (this.active.has(s.plan.name) || s.retry !== null || this.stopped || s.removed) return;
    this.log(`${s.plan.name}: the run due at ${slot.toISOString()} was missed; catching up now`);
    void this.trigger(s, 'catch-up');
  }

  private trigger(s: PlanState, reason: RunReason): Promise<void> {
    if (this.stopped || s.removed) return Promise.resolve();
    if (this.active.has(s.plan.name)) {
      if (!s.toldSkipped) this.log(`${s.plan.name}: ${reason} run skipped: already running`);
      s.toldSkipped = true;
      return Promise.resolve();
    }
    if (reason !== 'retry') {
      // A new slot starts a new series; a retry still pending is superseded by it.
      this.cancelRetry(s);
      s.attempt = 0;
    }
    s.retry = null;
    s.retryAt = null;
    s.attempt++;
    const controller = new AbortController();
    const run = this.execute(s, reason, controller.signal).finally(() => {
      this.active.delete(s.plan.name);
      s.toldSkipped = false;
      this.changed();
    });
    this.active.set(s.plan.name, { run, controller });
    this.changed();
    return run;
  }

  private async execute(s: PlanState, reason: RunReason, signal: AbortSignal): Promise<void> {
    const name = s.plan.name;
    const attempt = s.attempt;
    const total = this.delays.length + 1;
    const started = this.now();
    this.log(`${name}: ${reason} run started${attempt > 1 ? ` (attempt ${attempt} of ${total})` : ''}`);
    let summary: BackupSummary;
    try {
      summary = await this.opts.runPlan(name, signal);
    } catch (err) {
      this.failed(s, errorOf(err), attempt, total, signal);
      return;
    }
    s.lastRunAt = this.now();
    s.lastResult = 'ok';
    s.lastError = null;
    s.lastBackupId = summary.id;
    s.failures = 0;
    s.attempt = 0;
    const seconds = Math.max(0, (s.lastRunAt.getTime() - started.getTime()) / 1000);
    this.log(`${name}: done: ${summary.id} (${summary.kind}, ${summary.files} files) in ${seconds.toFixed(1)} s`);
  }

  private failed(s: PlanState, error: Error, attempt: number, total: number, signal: AbortSignal): void {
    const name = s.plan.name;
    if (signal.aborted) {
      this.log(`${name}: cancelled; nothing was kept`);
      return;
    }
    if (codeOf(error) === 'CONFLICT') {
      // Another process (the app, another daemon) holds the plan's lock: its run covers this slot.
      this.log(`${name}: skipped: already running (${error.message})`);
      s.attempt = 0;
      return;
    }
    s.lastRunAt = this.now();
    s.lastResult = 'failed';
    s.lastError = error.message;
    s.failures++;
    const delay = this.delays[attempt - 1];
    if (this.stopped || s.removed) {
      this.log(`${name}: failed (attempt ${attempt} of ${total}): ${error.message}; not retried (${s.removed ? 'the plan was removed' : 'stopping'})`);
      this.safely('onFailure', () => this.opts.onFailure?.(name, error, attempt, null));
      return;
    }
    if (delay === undefined) {
      s.attempt = 0;
      this.log(`${name}: failed (attempt ${attempt} of ${total}): ${error.message}; gave up until the next scheduled run`);
      this.record('backup.gave_up', { plan: name, attempts: attempt, error: error.message });
      this.safely('onFailure', () => this.opts.onFailure?.(name, error, attempt, null));
      return;
    }
    const retryAt = new Date(this.now().getTime() + delay);
    s.retryAt = retryAt;
    s.retry = this.opts.timers.after(delay, () => {
      s.retry = null;
      void this.trigger(s, 'retry');
    });
    this.log(`${name}: failed (attempt ${attempt} of ${total}): ${error.message}; retry at ${retryAt.toISOString()}`);
    this.record('backup.retry_scheduled', { plan: name, attempt, error: error.message, retryAt: retryAt.toISOString() });
    this.safely('onFailure', () => this.opts.onFailure?.(name, error, attempt, retryAt));
  }

  private cancelRetry(s: PlanState): void {
    s.retry?.cancel();
    s.retry = null;
    s.retryAt = null;
  }

  private record(type: string, data: Record<string, unknown>): void {
    this.safely(`recording ${type} in the timeline`, () => this.opts.record?.(type, data));
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  private changed(): void {
    this.safely('onChange', () => this.opts.onChange?.(this.status()));
  }

  /** A caller's hook failing (a full disk under the status file) must not stop the scheduler. */
  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log(`${what} failed: ${errorOf(err).message}`);
    }
  }
}
