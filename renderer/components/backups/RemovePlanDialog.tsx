import { useState } from 'react';
import type { ApiError, BackupPlan } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { Modal } from '../common/Modal';

/** Asks before backups.plans.remove: the plan and its schedule go, its backups stay on disk and listed. */
export function RemovePlanDialog({ plan, backups, onClose, onRemoved }: { plan: BackupPlan; backups: number; onClose: () => void; onRemoved: () => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await client.call('backups.plans.remove', { name: plan.name });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onRemoved();
  };
  return (
    <Modal
      title={`Remove the plan ${plan.name}?`}
      onClose={onClose}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-danger" onClick={() => void remove()} disabled={busy}>{busy ? 'Removing…' : 'Remove plan'}</button>
        </>
      }
    >
      <p>
        The plan stops: no more scheduled or manual runs.{' '}
        {backups === 0
          ? 'It has no backups.'
          : <>Its {backups} {backups === 1 ? 'backup stays' : 'backups stay'} on disk in <code>{plan.target}</code> and listed under “Backups of removed plans”.</>}
      </p>
      {error && <ErrorBanner>Not removed: {describeError(error)}</ErrorBanner>}
    </Modal>
  );
}
