import { VERIFY_LEVELS, type LatestChecks as Latest } from '../../../contract';
import { CheckSummary, LEVEL_LABEL } from './CheckSummary';

/**
 * The latest check of each kind, one line each: a later check of one kind never hides another (a
 * full check after a drill leaves the drill and its RTO verdict shown). A kind never run says so.
 * `withBackup` names the backup each check was of (a plan's checks span its backups).
 */
export function LatestChecks({ checks, rpoMinutes, now, withBackup = false, label }: {
  checks: Latest;
  rpoMinutes: number | null;
  now: number;
  withBackup?: boolean;
  label: string;
}) {
  if (VERIFY_LEVELS.every((level) => checks[level] === null)) return <span className="muted small">Never checked</span>;
  return (
    <ul className="latest-checks plain-list" aria-label={label}>
      {VERIFY_LEVELS.map((level) => {
        const check = checks[level];
        return (
          <li key={level} data-level={level}>
            {check === null ? (
              <span className="muted small">No {LEVEL_LABEL[level].toLowerCase()} yet</span>
            ) : (
              <>
                <CheckSummary check={check} rpoMinutes={rpoMinutes} now={now} />
                {withBackup && <span className="muted small">of <code className="backup-id">{check.backupId}</code></span>}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
