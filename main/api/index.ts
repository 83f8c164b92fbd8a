export { createBackend } from './createBackend';
export type { Backend, BackendOptions, Connection } from './types';
export { startBackupScheduler, type PlanRunStatus, type RunningBackupScheduler, type StartBackupSchedulerOptions } from './startBackupScheduler';
