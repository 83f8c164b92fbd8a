/** Push topics: one typed `subscribe(topic, cb)` over IPC or server-sent events. */
import type { DeadlineAlarm } from './assessment';
import type { BackupScheduleStatus } from './backup';
import type { ActionAlarm } from './review';
import type { TimelineEvent } from './timeline';
import type { SessionRevokeReason } from './user';

export interface Topics {
  /** A new event was appended to the log (already masked for the subscriber's role). */
  'timeline.appended': { seq: number; type: string; incidentRef: string | null };
  /** A backup run's progress, to the connection that started it. */
  'backup.progress': { plan: string; phase: 'scanning' | 'archiving' | 'finishing'; files: number; totalFiles: number; bytes: number; totalBytes: number; bytesPerSecond: number; etaSeconds: number | null };
  /** The scheduler's state changed (a run started or ended, a retry, a failure), to every session that may read backups. */
  'backup.schedule': BackupScheduleStatus;
  /** A notification deadline is near or has passed (to every session that may read notifications). */
  'notify.alarm': DeadlineAlarm;
  /** An open action item is due within a day or overdue (to every session that may read reports, and to its owner). */
  'action.alarm': ActionAlarm;
  /**
   * The session ended or the vault locked (idle timeout, explicit lock), or an administrator ended
   * it: disabled the user, changed their role, or reset their passphrase.
   */
  'session.ended': { reason: 'idle' | 'locked' | 'logout' | SessionRevokeReason };
}
export type Topic = keyof Topics;
export const TOPICS: readonly Topic[] = ['timeline.appended', 'session.ended', 'backup.progress', 'backup.schedule', 'notify.alarm', 'action.alarm'];
export type { TimelineEvent };
