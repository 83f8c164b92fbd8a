import { VERIFY_LEVELS, type BackupSummary, type LatestChecks } from '../../contract';

/**
 * The latest check of each kind (quick, full, drill) among these backups: a plan's. Per kind, so
 * that a full check run after a drill never takes the drill, and its RTO verdict, off the screen.
 */
export function latestChecksOf(backups: readonly BackupSummary[]): LatestChecks {
  const latest: LatestChecks = { quick: null, full: null, drill: null };
  for (const b of backups) {
    for (const level of VERIFY_LEVELS) {
      const c = b.latestChecks[level];
      const seen = latest[level];
      if (c !== null && (seen === null || c.at > seen.at)) latest[level] = c;
    }
  }
  return latest;
}
