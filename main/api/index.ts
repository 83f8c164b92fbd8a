export { createBackend } from './createBackend';
export type { Backend, BackendOptions, Connection } from './types';
export { startBackupScheduler, type PlanRunStatus, type RunningBackupScheduler, type StartBackupSchedulerOptions } from './startBackupScheduler';
/** The daemon's pid and status files: the CLI's daemon writes them, `daemon status` and the app read them. */
export {
  acquireDaemonLock, daemonAlive, daemonFiles, DAEMON_STATUS_FORMAT, readDaemonStatus, writeDaemonStatus, type DaemonStatus,
} from '../backups';
