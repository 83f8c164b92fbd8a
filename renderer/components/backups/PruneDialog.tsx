import { useEffect, useState } from 'react';
import type { ApiError, BackupPlan, PruneReport } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatRetention } from '../../lib/formatRetention';
import { ErrorBanner } from '../common/ErrorBanner';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';

/**
 * Applies a plan's retention (backups.prune): first a dry run shows what would go and why the
 * rest stays (a rule, or a kept incremental that needs it), then Remove deletes after that look.
 */
export function PruneDialog({ plan, onClose, onPruned }: { plan: BackupPlan; onClose: () => void; onPruned: (report: PruneReport) => void }) {
  const client = useClient();
  const [preview, setPreview] = useState<PruneReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void client.call('backups.prune', { name: plan.name, dryRun: true }).then((result) => {
      if (!live) return;
      if (result.ok) setPreview(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [client, plan.name]);

  const prune = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await client.call('backups.prune', { name: plan.name, dryRun: false });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onPruned(result.value);
  };

  const removing = preview?.removed.length ?? 0;
  return (
    <Modal
      title={`Prune the backups of ${plan.name}`}
      onClose={onClose}
      size="lg"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{removing === 0 ? 'Close' : 'Cancel'}</button>
          {removing > 0 && (
            <button type="button" className="btn btn-danger" onClick={() => void prune()} disabled={busy}>
              {busy ? 'Removing…' : `Remove ${removing} ${removing === 1 ? 'backup' : 'backups'}`}
            </button>
          )}
        </>
      }
    >
      <p className="muted">Retention: {formatRetention(plan.retention)}. Nothing is deleted until you confirm.</p>
      {!preview && !error && <Spinner label="Working out what would be removed" />}
      {error && <ErrorBanner>{describeError(error)}</ErrorBanner>}
      {preview && (
        <div className="prune-preview" data-testid="prune-preview">
          <h3 className="section-label">Would remove ({removing})</h3>
          {removing === 0 ? (
            <p>Nothing: every backup is kept by a rule or needed by a kept one.</p>
          ) : (
            <ul className="prune-list" aria-label="Backups that would be removed">
              {preview.removed.map((b) => (
                <li key={b.id}><code>{b.id}</code> <span className="muted small">{formatDateTime(b.finishedAt)}</span></li>
              ))}
            </ul>
          )}
          <h3 className="section-label">Keeps ({preview.kept.length})</h3>
          <ul className="prune-list" aria-label="Backups kept">
            {preview.kept.map((b) => (
              <li key={b.id}>
                <code>{b.id}</code> <span className="muted small">{formatDateTime(b.finishedAt)} · {b.reasons.join('; ')}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  );
}
