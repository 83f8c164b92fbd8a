import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanRunStatus } from '../../../contract';
import { writeStatusFile } from './daemonStatusFile';

export const APP_SCHEDULE_STATUS_FORMAT = 'firebreak-app-schedule-status/1';

/**
 * `<data dir>/logs/app-schedule-status.json`: the app's scheduler (desktop app, browser mode) as
 * `firebreak daemon status` sees it without signing in. The app runs the schedules only while
 * someone allowed to is signed in, so it says for whom (`runner`), or null and why (`note`).
 */
export interface AppScheduleStatus {
  format: typeof APP_SCHEDULE_STATUS_FORMAT;
  /** The app's process, and (on Linux) when it started, so that a pid reused after a crash does not pass for it. */
  pid: number;
  processStart: string | null;
  /** When this app began hosting the scheduler (its backend opened). */
  startedAt: string;
  updatedAt: string;
  /** Set when the app closed cleanly; a crashed app leaves null and a process that is gone. */
  stoppedAt: string | null;
  /** In whose name the schedules run, since when; null while they wait (nobody allowed signed in, or a daemon runs them). */
  runner: { user: string; since: string } | null;
  note: string | null;
  plans: PlanRunStatus[];
}

export const appScheduleStatusFile = (dataDir: string): string => join(dataDir, 'logs', 'app-schedule-status.json');

/**
 * When process `pid` started, in clock ticks since boot (field 22 of /proc/PID/stat), or null
 * where there is no /proc or the process is gone. The command name (field 2) may hold spaces and
 * parentheses, so the fields are counted from its closing one.
 */
export function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Written whole or not at all, as the daemon's (temporary file, fsync, rename). */
export function writeAppScheduleStatus(file: string, status: AppScheduleStatus): void {
  writeStatusFile(file, status);
}

export function readAppScheduleStatus(file: string): AppScheduleStatus | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppScheduleStatus>;
  if (parsed.format !== APP_SCHEDULE_STATUS_FORMAT || !Array.isArray(parsed.plans) || typeof parsed.pid !== 'number') {
    throw new Error(`${file} is not an app schedule status file (${APP_SCHEDULE_STATUS_FORMAT})`);
  }
  return parsed as AppScheduleStatus;
}

/**
 * Whether the app that wrote `status` is still that process: not closed, its pid alive and, on
 * Linux, started when it said (after a crash the pid may belong to another program by now).
 */
export function appScheduleAlive(status: AppScheduleStatus): boolean {
  if (status.stoppedAt !== null || !Number.isInteger(status.pid) || status.pid <= 0) return false;
  if (status.processStart !== null && process.platform === 'linux') return processStartTime(status.pid) === status.processStart;
  try {
    process.kill(status.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
