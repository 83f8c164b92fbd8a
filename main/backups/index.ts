export { addPlan, approvePlan, getPlan, listPlans, raisePlanReviewAlarms, removePlan, setPlanRecipients } from './planStore';
export { databaseReach } from './databaseReach';
export { runBackup, type BackupScope, type BackupProgress } from './runBackup';
export { getBackup, listBackups, listChecks } from './backupStore';
export { backupIdentity } from './backupIdentity';
export { describeSchedule } from './describeSchedule';
export { verifyBackup, type CheckScope } from './verifyBackup';
export { restoreBackup } from './restoreBackup';
export { drillBackup } from './drillBackup';
export { pruneBackups } from './pruneBackups';
export {
  BackupScheduler, DEFAULT_RETRY_DELAYS_MS, type BackupSchedulerOptions, type PlanRunStatus, type RunReason, type ScheduledPlan, type TaskKind, type VerifyOutcome,
} from './scheduler/BackupScheduler';
export type { CronHandle, SchedulerTimers, TimerHandle } from './scheduler/SchedulerTimers';
export { nodeCronTimers } from './scheduler/nodeCronTimers';
export { previousFireTime } from './scheduler/previousFireTime';
export { nextFireTime } from './scheduler/nextFireTime';
export { cronFireTimes } from './scheduler/cronFireTimes';
export {
  acquireDaemonLock, daemonAlive, daemonFiles, DAEMON_STATUS_FORMAT, readDaemonStatus, writeDaemonStatus, type DaemonStatus,
} from './scheduler/daemonStatusFile';
export {
  APP_SCHEDULE_STATUS_FORMAT, appScheduleAlive, appScheduleStatusFile, processStartTime, readAppScheduleStatus, writeAppScheduleStatus, type AppScheduleStatus,
} from './scheduler/appScheduleStatusFile';
