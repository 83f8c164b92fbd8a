import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupScheduleStatus, Topics } from '../../contract';
import {
  APP_SCHEDULE_STATUS_FORMAT, appScheduleAlive, appScheduleStatusFile, daemonAlive, daemonFiles, processStartTime, readAppScheduleStatus, readDaemonStatus,
  writeAppScheduleStatus, type AppScheduleStatus, type SchedulerTimers,
} from '../backups';
import { startBackupScheduler, type RunningBackupScheduler } from './startBackupScheduler';
import type { Backend, Connection } from './types';

export interface BackupScheduleHostOptions {
  dataDir: string;
  backend: Pick<Backend, 'handle' | 'recordEvent' | 'subscribe'>;
  /** A `service` connection: its calls act for the session it is bound to without keeping it alive. */
  connection: Connection;
  /** The longest-signed-in live session whose role may read and run backups, or null. */
  pickSession(): { id: string; user: string } | null;
  sessionAlive(id: string): boolean;
  /** To every signed-in connection that may read backups. */
  broadcast<T extends 'backup.schedule' | 'backup.progress'>(topic: T, payload: Topics[T]): void;
  /** Tests: a controllable clock for the scheduler. */
  timers?: SchedulerTimers;
  now?: () => Date;
}

/** The scheduler's lines go to <data dir>/logs/scheduler.log, kept to about this size (one older file beside it). */
const MAX_LOG_BYTES = 5 * 1024 * 1024;
const PLANS_REFRESH_MS = 60_000;

/** What `backups.schedule` says when this process runs no scheduler: the daemon's state, if one runs. */
export function daemonScheduleStatus(dataDir: string): BackupScheduleStatus | null {
  let status;
  try {
    status = readDaemonStatus(daemonFiles(dataDir).status);
  } catch {
    return null;
  }
  if (status === null || status.stoppedAt !== null || !daemonAlive(status.pid)) return null;
  return {
    runner: { kind: 'daemon', user: status.user, pid: status.pid, since: status.startedAt, updatedAt: status.updatedAt },
    note: `the backup daemon (process ${status.pid}, user ${status.user}) runs the schedules`,
    plans: status.plans,
  };
}

/**
 * What `backups.schedule` says in a process that runs no scheduler (a CLI command) while an app
 * on the same data directory runs the schedules: that app's state, from the file it keeps.
 */
export function appScheduleStatus(dataDir: string): BackupScheduleStatus | null {
  let status;
  try {
    status = readAppScheduleStatus(appScheduleStatusFile(dataDir));
  } catch {
    return null;
  }
  if (status === null || status.runner === null || !appScheduleAlive(status)) return null;
  return {
    runner: { kind: 'app', user: status.runner.user, since: status.runner.since },
    note: `the app (process ${status.pid}) runs the schedules for ${status.runner.user}`,
    plans: status.plans,
  };
}

/**
 * The desktop app's (and browser mode's) backup scheduler (ARCHITECTURE.md §4). The vault is only
 * open while someone is signed in, so the scheduler runs for as long as a user allowed to run
 * backups is: in that user's name (runs are authorized, audited and attributed as theirs), through
 * a service connection bound to their session that does not keep it from going idle — locking the
 * vault still stops everything. When that session ends, another eligible one takes over; with
 * none, scheduled runs wait, and the catch-up runs them once at the next sign-in. A live
 * `firebreak daemon` on the same data directory runs the schedules instead (two schedulers would
 * only collide on the plan locks). Its state goes to <data dir>/logs/app-schedule-status.json on
 * every change, for `firebreak daemon status`, which reads it without signing in.
 */
export class BackupScheduleHost {
  private current: { scheduler: RunningBackupScheduler; user: string; since: string; sessionId: string } | null = null;
  private note: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  private readonly refreshTimer: NodeJS.Timeout;
  private closed = false;
  private readonly startedAt: string;
  private readonly processStart = processStartTime(process.pid);
  /** The status last written to the file (without its time), so that it is written on changes only. */
  private published = '';

  constructor(private readonly opts: BackupScheduleHostOptions) {
    this.startedAt = this.nowIso();
    // A scheduled run's progress reaches the service connection: pass it on to the people watching.
    this.unsubscribe = opts.backend.subscribe(opts.connection, 'backup.progress', (p) => opts.broadcast('backup.progress', p));
    this.refreshTimer = setInterval(() => void this.reconcile(true), PLANS_REFRESH_MS);
    this.refreshTimer.unref();
  }

  /** Starts, moves or stops the scheduler after sign-ins and sign-outs; with `plans`, also re-reads the plans. */
  reconcile(plans = false): Promise<void> {
    this.queue = this.queue.then(() => this.settle(plans)).catch((err: unknown) => this.log(`scheduler: ${(err as Error).message}`));
    return this.queue;
  }

  status(): BackupScheduleStatus {
    const daemon = daemonScheduleStatus(this.opts.dataDir);
    if (daemon) return daemon;
    if (this.current) return { runner: { kind: 'app', user: this.current.user, since: this.current.since }, note: this.note, plans: this.current.scheduler.status() };
    return { runner: null, note: this.note, plans: [] };
  }

  /** Stops scheduling (the backend is closing); a run in progress fails when the database closes and keeps nothing. */
  close(): void {
    this.closed = true;
    clearInterval(this.refreshTimer);
    this.unsubscribe();
    void this.current?.scheduler.stop();
    this.current = null;
    this.publish(true);
  }

  private nowIso(): string {
    return (this.opts.now?.() ?? new Date()).toISOString();
  }

  /**
   * Writes this app's state for `daemon status`, when it changed (or the app closes). A closing
   * app marks the file stopped only if it is still its own (another app may have taken over).
   */
  private publish(stopping = false): void {
    const file = appScheduleStatusFile(this.opts.dataDir);
    const daemon = this.current === null ? daemonScheduleStatus(this.opts.dataDir) : null;
    const state = {
      runner: this.current && !stopping ? { user: this.current.user, since: this.current.since } : null,
      note: stopping ? 'the app closed' : (daemon?.note ?? this.note),
      plans: this.current && !stopping ? this.current.scheduler.status() : [],
    };
    const key = JSON.stringify(state);
    if (!stopping && key === this.published) return;
    try {
      if (stopping) {
        const mine = readAppScheduleStatus(file);
        if (mine === null || mine.pid !== process.pid || mine.startedAt !== this.startedAt) return;
      }
      const now = this.nowIso();
      const status: AppScheduleStatus = {
        format: APP_SCHEDULE_STATUS_FORMAT, pid: process.pid, processStart: this.processStart, startedAt: this.startedAt, updatedAt: now,
        stoppedAt: stopping ? now : null, ...state,
      };
      writeAppScheduleStatus(file, status);
      this.published = key;
    } catch (err) {
      // A full disk must not stop the scheduler; `daemon status` then reports what it last saw.
      this.log(`scheduler: could not write ${file}: ${(err as Error).message}`);
    }
  }

  private async settle(refreshPlans: boolean): Promise<void> {
    if (this.closed) return;
    const before = JSON.stringify(this.status());
    await this.settleRunner(refreshPlans);
    if (this.closed) return;
    const after = this.status();
    if (JSON.stringify(after) !== before) this.opts.broadcast('backup.schedule', after);
    this.publish();
  }

  private async settleRunner(refreshPlans: boolean): Promise<void> {
    const daemon = daemonScheduleStatus(this.opts.dataDir);
    if (daemon) {
      if (this.current) this.log(`scheduler: handing over to the backup daemon (process ${daemon.runner?.kind === 'daemon' ? daemon.runner.pid : '?'})`);
      this.stopCurrent();
      return;
    }
    if (this.current && this.opts.sessionAlive(this.current.sessionId)) {
      if (refreshPlans) await this.current.scheduler.refresh();
      return;
    }
    if (this.current) this.log(`scheduler: ${this.current.user} signed out or the vault locked; scheduled backups wait for the next sign-in of someone allowed to run them`);
    this.stopCurrent();
    const session = this.opts.pickSession();
    if (session === null) {
      this.note = 'nobody allowed to run backups is signed in: scheduled runs wait (missed ones are caught up once at the next sign-in), or run `firebreak daemon`';
      return;
    }
    this.opts.connection.sessionId = session.id;
    const scheduler = await startBackupScheduler(this.opts.backend, this.opts.connection, {
      log: (line) => this.log(line),
      onChange: () => {
        this.opts.broadcast('backup.schedule', this.status());
        this.publish();
      },
      ...(this.opts.timers ? { timers: this.opts.timers } : {}),
      ...(this.opts.now ? { now: this.opts.now } : {}),
    });
    this.current = { scheduler, user: session.user, since: (this.opts.now?.() ?? new Date()).toISOString(), sessionId: session.id };
    this.note = null;
    this.log(`scheduler: running for ${session.user}`);
  }

  private stopCurrent(): void {
    if (!this.current) return;
    // Not awaited: a run in progress ends on its own (or fails as the vault locks, keeping nothing).
    void this.current.scheduler.stop();
    this.current = null;
    this.opts.connection.sessionId = null;
  }

  private log(line: string): void {
    try {
      const dir = join(this.opts.dataDir, 'logs');
      const file = join(dir, 'scheduler.log');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      try {
        if (statSync(file).size > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
      } catch {
        // No log yet.
      }
      appendFileSync(file, `${(this.opts.now?.() ?? new Date()).toISOString()} ${line}\n`, { mode: 0o600 });
    } catch {
      // A full disk must not stop the scheduler; the timeline still has every failure.
    }
  }
}
