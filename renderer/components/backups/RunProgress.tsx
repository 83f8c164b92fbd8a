import { describeError } from '../../lib/describeError';
import { formatBytes } from '../../lib/formatBytes';
import { formatCount } from '../../lib/formatCount';
import { formatDuration } from '../../lib/formatDuration';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import type { BackupProgress, RunState } from './types';

const PHASE: Record<BackupProgress['phase'], string> = {
  scanning: 'Scanning the sources',
  archiving: 'Archiving and encrypting',
  finishing: 'Writing the manifest',
};

const eta = (seconds: number | null): string => (seconds === null ? '—' : seconds < 1 ? 'under 1 s' : formatDuration(seconds));

/**
 * A backup run of one plan, live from `backup.progress` (pushed to the connection that asked for
 * the run) while backups.run is pending, then the new backup or why it failed.
 */
export function RunProgress({ plan, run, onDismiss }: { plan: string; run: RunState; onDismiss: () => void }) {
  const p = run.progress;
  const running = run.status === 'running';
  // Indeterminate while scanning (no total yet); full once the run has returned.
  const value = run.status === 'done' ? 1 : p && p.phase !== 'scanning' && p.totalBytes > 0 ? p.bytes / p.totalBytes : undefined;
  const announce = running ? (p ? PHASE[p.phase] : 'Starting the backup') : run.status === 'done' ? 'Backup complete' : 'Backup failed';
  return (
    <div className="backup-run" role="group" aria-label={`Backup run of ${plan}`} data-state={run.status}>
      <div className="backup-run-head">
        <strong data-testid="run-phase">
          {running ? (p ? PHASE[p.phase] : 'Starting…') : run.status === 'done' ? 'Complete' : 'Failed'}
        </strong>
        {run.scheduled && <span className="muted small">scheduled run</span>}
        {!running && (
          <button type="button" className="btn btn-ghost btn-icon btn-sm" onClick={onDismiss} aria-label="Dismiss the run report">
            <Icon name="x" size={14} />
          </button>
        )}
      </div>
      {run.status !== 'failed' && <progress max={1} value={value} aria-label={`Backup progress of ${plan}`} />}
      {p && (
        <dl className="meta-row backup-run-meta">
          <div><dt>Phase</dt><dd>{p.phase}</dd></div>
          <div><dt>Files</dt><dd data-testid="run-files">{formatCount(p.files)} / {formatCount(p.totalFiles)}</dd></div>
          <div><dt>Bytes</dt><dd>{formatBytes(p.bytes)} of {formatBytes(p.totalBytes)}</dd></div>
          <div><dt>Rate</dt><dd>{formatBytes(p.bytesPerSecond)}/s</dd></div>
          {running && <div><dt>ETA</dt><dd>{eta(p.etaSeconds)}</dd></div>}
        </dl>
      )}
      {run.status === 'done' && run.backup && (
        <ErrorBanner tone="success">
          Backup <code>{run.backup.id}</code> complete ({run.backup.kind}): {formatCount(run.backup.files)} files, {formatBytes(run.backup.bytes)}
          {run.backup.kind === 'incremental' && <>, {formatCount(run.backup.storedFiles)} stored anew ({formatBytes(run.backup.storedBytes)})</>}.
        </ErrorBanner>
      )}
      {run.status === 'failed' && run.error && <ErrorBanner>The backup failed: {describeError(run.error)}</ErrorBanner>}
      <p className="visually-hidden" aria-live="polite">{announce}</p>
    </div>
  );
}
