import type { ApiError, BackupSummary, Topics } from '../../../contract';

export type BackupProgress = Topics['backup.progress'];

/** A "Run now" started from this page: its live progress, then the new backup or the refusal. */
export interface RunState {
  status: 'running' | 'done' | 'failed';
  progress: BackupProgress | null;
  backup: BackupSummary | null;
  error: ApiError | null;
  /** Started by the scheduler, not from this page: it ends when the schedule status says so. */
  scheduled?: boolean;
}
