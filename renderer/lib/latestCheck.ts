import type { BackupCheck, BackupSummary } from '../../contract';

/** The most recent check of any of these backups (quick, full or drill), or null if none was checked. */
export function latestCheck(backups: readonly BackupSummary[]): BackupCheck | null {
  let latest: BackupCheck | null = null;
  for (const b of backups) {
    if (b.lastCheck !== null && (latest === null || b.lastCheck.at > latest.at)) latest = b.lastCheck;
  }
  return latest;
}
