import { useState, type FormEvent } from 'react';
import type { User } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

/** Asks before offboarding someone, says what it does, and shows a refusal next to the button. */
export function DisableUserDialog({ user, onClose, onDisabled }: { user: User; onClose: () => void; onDisabled: (user: User) => void }) {
  const client = useClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const trimmed = reason.trim();
    const result = await client.call('users.disable', { name: user.name, ...(trimmed ? { reason: trimmed } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    onDisabled(result.value);
  };

  return (
    <Modal
      title={`Disable ${user.name}?`}
      onClose={onClose}
      size="sm"
      footer={
        <div className="confirm-footer">
          {error && <p className="field-error confirm-error" role="alert" id="disable-error">{error}</p>}
          <div className="confirm-buttons">
            <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
            <button type="submit" form="disable-user" className="btn btn-danger" disabled={busy} aria-describedby={error ? 'disable-error' : undefined}>
              {busy ? 'Disabling…' : `Disable ${user.name}`}
            </button>
          </div>
        </div>
      }
    >
      <form id="disable-user" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <ul className="consequences">
          <li><strong>{user.name}</strong> is signed out everywhere at once and cannot sign in again.</li>
          <li>Their key slot is removed from <code>vault.json</code>, so their passphrase no longer opens the database.</li>
          <li>Everything they did stays on the record, under their name.</li>
          <li>You can enable them later; you then set a new passphrase, which they must change.</li>
        </ul>
        <Field id="disable-reason" label="Reason (optional, recorded in the log)">
          <textarea {...describedBy('disable-reason', undefined)} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. left the company on 31 March" />
        </Field>
      </form>
    </Modal>
  );
}
