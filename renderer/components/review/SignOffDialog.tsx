import { useState } from 'react';
import type { Review } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { formatDateTime } from '../../lib/formatDateTime';
import { ErrorBanner } from '../common/ErrorBanner';
import { Modal } from '../common/Modal';

/** Asks before a sign-off: which version becomes final, and what a later change does. */
export function SignOffDialog({ review, onCancel, onSigned }: { review: Review; onCancel: () => void; onSigned: (next: Review) => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await client.call('reviews.signOff', { ref: review.ref, version: review.version });
    setBusy(false);
    if (result.ok) onSigned(result.value);
    else setError(result.error.message);
  };
  return (
    <Modal
      title="Sign off the review"
      onClose={onCancel}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>Cancel</button>
          <button type="button" className="btn btn-primary" onClick={() => void confirm()} disabled={busy}>
            {busy ? 'Signing off…' : `Sign off version ${review.version}`}
          </button>
        </>
      }
    >
      <p>
        Mark version {review.version} of the review of <span className="mono">{review.ref}</span> (saved by {review.updatedBy}, {formatDateTime(review.updatedAt)}) as <strong>final</strong>?
      </p>
      <p className="muted small">The sign-off is recorded in the log with your name. Anyone who changes the review later reopens it, and must say why.</p>
      {error && <ErrorBanner>{error}</ErrorBanner>}
    </Modal>
  );
}
