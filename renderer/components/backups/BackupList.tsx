import { useState } from 'react';
import type { ApiError, BackupCheck, BackupPlan, BackupSummary } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { formatBytes } from '../../lib/formatBytes';
import { formatCount } from '../../lib/formatCount';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRelative } from '../../lib/formatRelative';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { CheckResult } from './CheckResult';
import { LEVEL_LABEL } from './CheckSummary';
import { LatestChecks } from './LatestChecks';
import { RestoreDialog } from './RestoreDialog';

type Action = 'quick' | 'full' | 'drill';
const BUSY_LABEL: Record<Action, string> = { quick: 'Checking…', full: 'Checking every file…', drill: 'Drilling…' };

/**
 * The backups of one plan (or of removed plans), newest first, with Verify (quick, full), Drill
 * and Restore for the roles that may use them. The last result stays above the table.
 */
export function BackupList({
  backups, plan, canRun, canRestore, canRestoreDatabase, now, onChecked, label,
}: {
  backups: BackupSummary[];
  /** Null for backups whose plan was removed. */
  plan: BackupPlan | null;
  canRun: boolean;
  canRestore: boolean;
  /** backup:restore-database: may restore Firebreak's database out of a backup. */
  canRestoreDatabase: boolean;
  now: number;
  onChecked: (check: BackupCheck) => void;
  label: string;
}) {
  const client = useClient();
  const toasts = useToasts();
  const [busy, setBusy] = useState<{ id: string; action: Action } | null>(null);
  const [result, setResult] = useState<BackupCheck | null>(null);
  const [failure, setFailure] = useState<{ id: string; action: Action; error: ApiError } | null>(null);
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const rpoMinutes = plan?.rpoMinutes ?? null;

  const check = async (b: BackupSummary, action: Action): Promise<void> => {
    setBusy({ id: b.id, action });
    setFailure(null);
    const answer = action === 'drill'
      ? await client.call('backups.drill', { id: b.id })
      : await client.call('backups.verify', { id: b.id, level: action });
    setBusy(null);
    if (!answer.ok) {
      setFailure({ id: b.id, action, error: answer.error });
      return;
    }
    setResult(answer.value);
    onChecked(answer.value);
    const c = answer.value;
    if (!c.ok) toasts.show('error', `${LEVEL_LABEL[c.level]} of ${b.id} failed`, c.problems.slice(0, 3).join('; '));
  };

  const actions = canRun || canRestore;
  return (
    <div className="backup-list">
      {result && <CheckResult check={result} rpoMinutes={rpoMinutes} onDismiss={() => setResult(null)} />}
      {failure && (
        <ErrorBanner>
          {LEVEL_LABEL[failure.action]} of <code>{failure.id}</code> could not run: {describeError(failure.error)}
        </ErrorBanner>
      )}
      {backups.length === 0 ? (
        <p className="muted small">No backups yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table backup-table" aria-label={label} aria-busy={busy !== null || undefined}>
            <thead>
              <tr>
                <th scope="col">Backup</th>
                <th scope="col">Kind</th>
                <th scope="col">Finished</th>
                <th scope="col" className="num">Files</th>
                <th scope="col" className="num">Size</th>
                <th scope="col" className="num">Stored</th>
                <th scope="col">Latest checks</th>
                {actions && <th scope="col"><span className="visually-hidden">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => {
                const mine = busy?.id === b.id ? busy.action : null;
                return (
                  <tr key={b.id} data-backup={b.id}>
                    <td><code className="backup-id">{b.id}</code></td>
                    <td>
                      <span className={b.kind === 'full' ? 'badge role' : 'badge badge-muted'}>{b.kind}</span>
                      {b.parent && <span className="visually-hidden">, builds on {b.parent}</span>}
                    </td>
                    <td className="nowrap">
                      <time dateTime={b.finishedAt} title={formatDateTime(b.finishedAt, true)}>{formatDateTime(b.finishedAt)}</time>
                      <span className="muted small backup-age">{formatRelative(b.finishedAt, now)}</span>
                    </td>
                    <td className="num">{formatCount(b.files)}</td>
                    <td className="num nowrap">{formatBytes(b.bytes)}</td>
                    <td className="num nowrap" title="What this backup's own archive holds">
                      {formatCount(b.storedFiles)} files
                      <span className="muted small backup-age">{formatBytes(b.storedBytes)}</span>
                    </td>
                    <td className="check-cell"><LatestChecks checks={b.latestChecks} rpoMinutes={rpoMinutes} now={now} label={`Latest checks of ${b.id}`} /></td>
                    {actions && (
                      <td className="backup-actions-cell">
                        {mine ? (
                          <span className="muted small busy-note" role="status"><span className="spinner" aria-hidden="true" /> {BUSY_LABEL[mine]}</span>
                        ) : (
                          <span className="button-row backup-actions">
                            {canRun && (
                              <>
                                <button type="button" className="btn btn-ghost btn-sm" disabled={busy !== null} onClick={() => void check(b, 'quick')}>Quick check</button>
                                <button type="button" className="btn btn-ghost btn-sm" disabled={busy !== null} onClick={() => void check(b, 'full')}>Full check</button>
                                <button type="button" className="btn btn-ghost btn-sm" disabled={busy !== null} onClick={() => void check(b, 'drill')}>
                                  <Icon name="activity" size={14} /> Drill
                                </button>
                              </>
                            )}
                            {canRestore && (
                              <button type="button" className="btn btn-secondary btn-sm" disabled={busy !== null} onClick={() => setRestoring(b)}>
                                <Icon name="undo" size={14} /> Restore…
                              </button>
                            )}
                          </span>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {restoring && <RestoreDialog backup={restoring} plan={plan} canRestoreDatabase={canRestoreDatabase} onClose={() => setRestoring(null)} />}
    </div>
  );
}
