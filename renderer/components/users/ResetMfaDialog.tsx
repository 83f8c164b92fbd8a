import { useState } from 'react';
import type { ApiError, User } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { Modal } from '../common/Modal';

/** Asks before users.resetMfa: the user's TOTP enrolment ends (a lost phone, a secret that may have leaked). */
export function ResetMfaDialog({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (user: User) => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const reset = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await client.call('users.resetMfa', { name: user.name });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onDone(result.value);
  };
  return (
    <Modal
      title={`Remove the two-factor sign-in of ${user.name}?`}
      onClose={onClose}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="button" className="btn btn-danger" onClick={() => void reset()} disabled={busy}>{busy ? 'Removing…' : 'Remove two-factor'}</button>
        </>
      }
    >
      <p>
        <strong>{user.name}</strong> then signs in with the passphrase alone until they enrol again under My account. Do this for a lost phone,
        or when their authenticator secret may be known to someone else. The removal is recorded in the audit log.
      </p>
      <p className="muted small">Nobody, an administrator included, can read the secret itself: it is sealed under a key only their passphrase opens.</p>
      {error && <ErrorBanner>Not removed: {describeError(error)}</ErrorBanner>}
    </Modal>
  );
}
