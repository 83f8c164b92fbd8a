export { createBackend } from './createBackend';
export type { Backend, BackendOptions, Connection } from './types';
export { startBackupScheduler, type PlanRunStatus, type RunningBackupScheduler, type StartBackupSchedulerOptions } from './startBackupScheduler';
/** The daemon's pid and status files: the CLI's daemon writes them, `daemon status` and the app read them. */
export {
  acquireDaemonLock, daemonAlive, daemonFiles, DAEMON_STATUS_FORMAT, readDaemonStatus, writeDaemonStatus, type DaemonStatus,
} from '../backups';
/** The app's scheduler state, for `daemon status`: the app writes it while it hosts the schedules. */
export {
  APP_SCHEDULE_STATUS_FORMAT, appScheduleAlive, appScheduleStatusFile, readAppScheduleStatus, writeAppScheduleStatus, type AppScheduleStatus,
} from '../backups';
/**
 * Checks runbook files on the runbook worker: for `firebreak runbook lint`, which needs no vault and
 * so checks in its own process rather than through `runbooks.lint` (which needs a session).
 */
export { lintRunbooks } from '../runbooks';
