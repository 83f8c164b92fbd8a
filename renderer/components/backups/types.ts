import type { ApiError, BackupSummary, Topics } from '../../../contract';

export type BackupProgress = Topics['backup.progress'];

/** A "Run now" started from this page: its live progress, then the new backup or the refusal. */
export interface RunState {
  status: 'running' | 'done' | 'failed';
  progress: BackupProgress | null;
  backup: BackupSummary | null;
  error: ApiError | null;
}
