import type { BackupSummary, PlanRunStatus, ScheduledTaskStatus } from '../../../contract';
import { compileCron, type CronSpec } from './compileCron';
import { nextFireTime } from './nextFireTime';
import { previousFireTime } from './previousFireTime';
import type { CronHandle, SchedulerTimers, TimerHandle } from './SchedulerTimers';

export type { PlanRunStatus } from '../../../contract';

/** What the scheduler needs of a plan. */
export interface ScheduledPlan {
  name: string;
  /** A cron expression, or null for a plan run only on demand (listed, never started). */
  schedule: string | null;
  scheduleText?: string | null;
  /** ISO time: a plan never backed up is caught up only for a slot after it was created. */
  createdAt: string;
  /** A cron expression for verifying the plan's newest backup, or null (or absent) for none. */
  verifySchedule?: string | null;
  verifyScheduleText?: string | null;
  verifyLevel?: 'quick' | 'full';
}

/** What a scheduled verification found; null from `verifyPlan` when the plan has no backup yet. */
export interface VerifyOutcome {
  backupId: string;
  ok: boolean;
  /** Every problem, naming the file (empty when ok). */
  problems: string[];
}

export type RunReason = 'schedule' | 'catch-up' | 'retry';
export type TaskKind = 'backup' | 'verify';

export interface BackupSchedulerOptions {
  /** Runs one backup of the plan; rejects on failure (an error with `code: 'CONFLICT'` is "already running elsewhere"). */
  runPlan(plan: string, signal: AbortSignal): Promise<BackupSummary>;
  /**
   * Verifies the plan's newest backup at `level`; resolves with what it found (problems are a
   * finding, not an error: they are not retried), rejects when it could not check at all.
   */
  verifyPlan?(plan: string, level: 'quick' | 'full', signal: AbortSignal): Promise<VerifyOutcome | null>;
  plans: readonly ScheduledPlan[];
  /** When each plan's newest backup finished (ISO), for catch-up; plans without one are absent. */
  lastBackupAt: ReadonlyMap<string, string>;
  /** When each plan's backups were last verified (ISO), for the verification's catch-up. */
  lastVerifiedAt?: ReadonlyMap<string, string>;
  timers: SchedulerTimers;
  now?: () => Date;
  /** Waits before retry 1, 2, 3…; a failure after the last is given up on. Default 1, 5, 25 minutes. */
  retryDelaysMs?: readonly number[];
  /** A timeline event (`backup.retry_scheduled`, `backup.gave_up`; with `task: 'verify'` for verification). */
  record?(type: string, data: Record<string, unknown>): void;
  /** One line per run start, end, failure and skip. */
  log?(line: string): void;
  /**
   * A failed attempt (1 = the first run of a series); `nextRetryAt` null when given up (or, for
   * a verification that found problems, never retried).
   */
  onFailure?(plan: string, error: Error, attempt: number, nextRetryAt: Date | null, task: TaskKind): void;
  /** Any change of status(): a run started or ended, a retry was scheduled, plans changed. */
  onChange?(status: PlanRunStatus[]): void;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 25 * 60_000];

/** One scheduled task of one plan: its backups, or its verification. */
interface TaskState {
  kind: TaskKind;
  plan: ScheduledPlan;
  schedule: string | null;
  scheduleText: string | null;
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
  /** Verification: what the last check found. */
  problems: string[];
  failures: number;
  /** A skipped tick was logged for the current run (ticks every second would flood the log). */
  toldSkipped: boolean;
  removed: boolean;
}

interface PlanTasks {
  plan: ScheduledPlan;
  backup: TaskState;
  verify: TaskState | null;
}

/** A verification that ran and found problems: reported, not retried (a retry would find them again). */
class IntegrityProblems extends Error {}

const errorOf = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));
const codeOf = (err: unknown): unknown => (typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined);
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const keyOf = (s: TaskState): string => `${s.kind} ${s.plan.name}`;
/** Log lines name the plan, and say "verify" for the verification task. */
const labelOf = (s: TaskState): string => (s.kind === 'backup' ? s.plan.name : `${s.plan.name} verify`);
const sameTasks = (a: ScheduledPlan, b: ScheduledPlan): boolean =>
  a.schedule === b.schedule && a.createdAt === b.createdAt && (a.verifySchedule ?? null) === (b.verifySchedule ?? null) && (a.verifyLevel ?? 'full') === (b.verifyLevel ?? 'full');

/**
 * Runs backup plans on their cron schedules (ARCHITECTURE.md §4), and verifies their newest
 * backups on their verification schedules: a run missed while nothing was running is caught up
 * once at start; a task never runs twice at once here (and the plan lock keeps other processes'
 * backups out: their CONFLICT is a skip, not a failure); a failed run is retried with backoff,
 * then given up on until its next slot. Every failure reaches `onFailure`, the timeline
 * (`record`) and `log`.
 */
export class BackupScheduler {
  private readonly plans = new Map<string, PlanTasks>();
  /** Runs in progress by task (`backup nightly`), also of plans dropped meanwhile (removed or re-created). */
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
    for (const plan of this.opts.plans) this.add(plan, this.opts.lastBackupAt, this.opts.lastVerifiedAt ?? new Map());
    this.changed();
  }

  /**
   * Takes a new list of plans (added, removed or re-created elsewhere): removed plans stop
   * (a run in progress finishes), new or changed ones start and are caught up like at start.
   */
  updatePlans(plans: readonly ScheduledPlan[], lastBackupAt: ReadonlyMap<string, string>, lastVerifiedAt: ReadonlyMap<string, string> = new Map()): void {
    if (!this.started || this.stopped) return;
    const wanted = new Map(plans.map((p) => [p.name, p]));
    for (const [name, tasks] of this.plans) {
      const next = wanted.get(name);
      if (next && sameTasks(next, tasks.plan)) continue;
      this.drop(tasks);
    }
    for (const plan of plans) if (!this.plans.has(plan.name)) this.add(plan, lastBackupAt, lastVerifiedAt);
    this.changed();
  }

  status(): PlanRunStatus[] {
    return [...this.plans.values()].map((t) => ({
      plan: t.plan.name,
      ...this.taskStatus(t.backup),
      verify: t.verify === null ? null : { ...this.taskStatus(t.verify), level: t.plan.verifyLevel ?? 'full', problems: t.verify.problems },
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
    for (const s of this.tasks()) {
      s.task?.stop();
      s.task = null;
      this.cancelRetry(s);
    }
    if (opts.cancel) for (const a of this.active.values()) a.controller.abort();
    this.changed();
    await this.idle();
  }

  private *tasks(): Generator<TaskState> {
    for (const t of this.plans.values()) {
      yield t.backup;
      if (t.verify) yield t.verify;
    }
  }

  private taskStatus(s: TaskState): ScheduledTaskStatus {
    return {
      schedule: s.schedule,
      scheduleText: s.scheduleText,
      nextRunAt: iso(s.spec && !this.stopped ? nextFireTime(s.spec, this.now()) : null),
      lastRunAt: iso(s.lastRunAt),
      lastResult: s.lastResult,
      lastError: s.lastError,
      lastBackupId: s.lastBackupId,
      running: this.active.has(keyOf(s)),
      failures: s.failures,
      retryAt: iso(s.retryAt),
    };
  }

  private add(plan: ScheduledPlan, lastBackupAt: ReadonlyMap<string, string>, lastVerifiedAt: ReadonlyMap<string, string>): void {
    const newTask = (kind: TaskKind, schedule: string | null, scheduleText: string | null, last: string | null): TaskState => ({
      kind, plan, schedule, scheduleText, spec: null, task: null, attempt: 0, retry: null, retryAt: null,
      lastRunAt: last === null ? null : new Date(last), lastResult: last === null ? null : 'ok',
      lastError: null, lastBackupId: null, problems: [], failures: 0, toldSkipped: false, removed: false,
    });
    const backup = newTask('backup', plan.schedule, plan.scheduleText ?? plan.schedule, lastBackupAt.get(plan.name) ?? null);
    const verifySchedule = this.opts.verifyPlan ? (plan.verifySchedule ?? null) : null;
    const verify = verifySchedule === null ? null : newTask('verify', verifySchedule, plan.verifyScheduleText ?? verifySchedule, lastVerifiedAt.get(plan.name) ?? null);
    this.plans.set(plan.name, { plan, backup, verify });
    this.schedule(backup);
    if (verify) this.schedule(verify);
  }

  private schedule(s: TaskState): void {
    if (s.schedule === null) return;
    try {
      s.spec = compileCron(s.schedule);
    } catch (err) {
      s.lastResult = 'failed';
      s.lastError = `schedule "${s.schedule}" is not valid: ${errorOf(err).message}`;
      this.log(`${labelOf(s)}: ${s.lastError}; not scheduled`);
      return;
    }
    s.task = this.opts.timers.cron(s.schedule, labelOf(s), () => this.trigger(s, 'schedule'), (slot) => this.missed(s, slot));
    // Catch-up: one run for the latest slot that passed without a run, however many did.
    const due = previousFireTime(s.spec, this.now());
    const last = s.lastRunAt === null ? Date.parse(s.plan.createdAt) : s.lastRunAt.getTime();
    if (due !== null && due.getTime() > last) {
      this.log(`${labelOf(s)}: the run due at ${due.toISOString()} was missed; catching up now`);
      void this.trigger(s, 'catch-up');
    }
  }

  private drop(t: PlanTasks): void {
    for (const s of [t.backup, t.verify]) {
      if (!s) continue;
      s.removed = true;
      s.task?.stop();
      s.task = null;
      this.cancelRetry(s);
    }
    this.plans.delete(t.plan.name);
  }

  /** A slot passed while the process was blocked or asleep: one catch-up, unless a run is under way or due. */
  private missed(s: TaskState, slot: Date): void {
    if (this.active.has(keyOf(s)) || s.retry !== null || this.stopped || s.removed) return;
    this.log(`${labelOf(s)}: the run due at ${slot.toISOString()} was missed; catching up now`);
    void this.trigger(s, 'catch-up');
  }

  private trigger(s: TaskState, reason: RunReason): Promise<void> {
    if (this.stopped || s.removed) return Promise.resolve();
    const key = keyOf(s);
    if (this.active.has(key)) {
      if (!s.toldSkipped) this.log(`${labelOf(s)}: ${reason} run skipped: already running`);
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
      this.active.delete(key);
      s.toldSkipped = false;
      this.changed();
    });
    this.active.set(key, { run, controller });
    this.changed();
    return run;
  }

  private async execute(s: TaskState, reason: RunReason, signal: AbortSignal): Promise<void> {
    const label = labelOf(s);
    const attempt = s.attempt;
    const total = this.delays.length + 1;
    const started = this.now();
    this.log(`${label}: ${reason} run started${attempt > 1 ? ` (attempt ${attempt} of ${total})` : ''}`);
    let done: string;
    try {
      done = s.kind === 'backup' ? await this.backUp(s, signal) : await this.verify(s, signal);
    } catch (err) {
      this.failed(s, errorOf(err), attempt, total, signal);
      return;
    }
    s.lastRunAt = this.now();
    s.lastResult = 'ok';
    s.lastError = null;
    s.failures = 0;
    s.attempt = 0;
    const seconds = Math.max(0, (s.lastRunAt.getTime() - started.getTime()) / 1000);
    this.log(`${label}: done: ${done} in ${seconds.toFixed(1)} s`);
  }

  private async backUp(s: TaskState, signal: AbortSignal): Promise<string> {
    const summary = await this.opts.runPlan(s.plan.name, signal);
    s.lastBackupId = summary.id;
    return `${summary.id} (${summary.kind}, ${summary.files} files)`;
  }

  private async verify(s: TaskState, signal: AbortSignal): Promise<string> {
    const level = s.plan.verifyLevel ?? 'full';
    const outcome = this.opts.verifyPlan ? await this.opts.verifyPlan(s.plan.name, level, signal) : null;
    if (outcome === null) return 'no backup to verify yet';
    s.lastBackupId = outcome.backupId;
    s.problems = outcome.problems;
    if (!outcome.ok) {
      const n = outcome.problems.length;
      throw new IntegrityProblems(`${outcome.backupId} failed ${level} verification: ${n} problem${n === 1 ? '' : 's'}${n > 0 ? `, first: ${outcome.problems[0]}` : ''}`);
    }
    return `${outcome.backupId} passed ${level} verification`;
  }

  private failed(s: TaskState, error: Error, attempt: number, total: number, signal: AbortSignal): void {
    const label = labelOf(s);
    const name = s.plan.name;
    const task = s.kind;
    if (signal.aborted) {
      this.log(`${label}: cancelled; nothing was kept`);
      return;
    }
    if (codeOf(error) === 'CONFLICT') {
      // Another process (the app, another daemon) holds the plan's lock: its run covers this slot.
      this.log(`${label}: skipped: already running (${error.message})`);
      s.attempt = 0;
      return;
    }
    s.lastRunAt = this.now();
    s.lastResult = 'failed';
    s.lastError = error.message;
    s.failures++;
    if (error instanceof IntegrityProblems) {
      // verifyBackup already put `backup.verify_failed`, with every problem, on the timeline.
      s.attempt = 0;
      this.log(`${label}: ${error.message}`);
      this.safely('onFailure', () => this.opts.onFailure?.(name, error, attempt, null, task));
      return;
    }
    if (task === 'verify') s.problems = [];
    const delay = this.delays[attempt - 1];
    const tagged = (data: Record<string, unknown>) => (task === 'backup' ? data : { plan: name, task, ...data });
    if (this.stopped || s.removed) {
      this.log(`${label}: failed (attempt ${attempt} of ${total}): ${error.message}; not retried (${s.removed ? 'the plan was removed' : 'stopping'})`);
      this.safely('onFailure', () => this.opts.onFailure?.(name, error, attempt, null, task));
      return;
    }
    if (delay === undefined) {
      s.attempt = 0;
      this.log(`${label}: failed (attempt ${attempt} of ${total}): ${error.message}; gave up until the next scheduled run`);
      this.record('backup.gave_up', tagged({ plan: name, attempts: attempt, error: error.message }));
      this.safely('onFailure', () => this.opts.onFailure?.(name, error, attempt, null, task));
      return;
    }
    const retryAt = new Date(this.now().getTime() + delay);
    s.retryAt = retryAt;
    s.retry = this.opts.timers.after(delay, () => {
      s.retry = null;
      void this.trigger(s, 'retry');
    });
    this.log(`${label}: failed (attempt ${attempt} of ${total}): ${error.message}; retry at ${retryAt.toISOString()}`);
    this.record('backup.retry_scheduled', tagged({ plan: name, attempt, error: error.message, retryAt: retryAt.toISOString() }));
    this.safely('onFailure', () => this.opts.onFailure?.(name, error, attempt, retryAt, task));
  }

  private cancelRetry(s: TaskState): void {
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
