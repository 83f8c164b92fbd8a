import { useState, type FormEvent } from 'react';
import type { ApiError, User } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { issuesByField } from '../../lib/issuesByField';
import { passphraseProblem } from '../../lib/passphraseProblem';
import { NewPassphraseFields, type NewPassphrase } from '../auth/NewPassphraseFields';
import { describeError } from '../../lib/describeError';
import { Modal } from '../common/Modal';

/**
 * An administrator sets someone's passphrase: `reset` for an active user (their sessions end),
 * `enable` for a disabled one. Either way the user must choose their own at the next sign-in.
 */
export function SetPassphraseDialog({
  user, mode, onClose, onDone,
}: { user: User; mode: 'reset' | 'enable'; onClose: () => void; onDone: (user: User) => void }) {
  const client = useClient();
  const [pass, setPass] = useState<NewPassphrase>({ passphrase: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problem = passphraseProblem(pass.passphrase, user.name);
  const issues = issuesByField(error, ['newPassphrase']);
  const formId = `${mode}-passphrase`;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (problem || pass.passphrase !== pass.confirm) return;
    setBusy(true);
    setError(null);
    const input = { name: user.name, newPassphrase: pass.passphrase };
    const result = await client.call(mode === 'reset' ? 'users.resetPassphrase' : 'users.enable', input);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onDone(result.value);
  };

  const title = mode === 'reset' ? `Reset the passphrase of ${user.name}` : `Enable ${user.name}`;
  const action = mode === 'reset' ? 'Reset passphrase' : `Enable ${user.name}`;
  const other = issues.other.length > 0 && error ? describeError(error) : null;
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <div className="confirm-footer">
          {other && <p className="field-error confirm-error" role="alert" id={`${formId}-error`}>{other}</p>}
          <div className="confirm-buttons">
            <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
            <button type="submit" form={formId} className="btn btn-primary" disabled={busy} aria-describedby={other ? `${formId}-error` : undefined}>
              {busy ? 'Saving…' : action}
            </button>
          </div>
        </div>
      }
    >
      <form id={formId} className="form" onSubmit={(e) => void submit(e)} noValidate>
        <ul className="consequences">
          {mode === 'reset' ? (
            <>
              <li><strong>{user.name}</strong> is signed out everywhere at once; the old passphrase stops working.</li>
              <li>At the next sign-in they must replace this passphrase with one only they know.</li>
              {user.mfaEnrolled && (
                <li>
                  Their <strong>two-factor sign-in ends</strong>: its secret is sealed under a key only their old passphrase opens, so they enrol
                  again after choosing their own passphrase.
                </li>
              )}
            </>
          ) : (
            <>
              <li><strong>{user.name}</strong> can sign in again, with the role {user.role}, using the passphrase you set here.</li>
              <li>At that sign-in they must replace it with one only they know.</li>
            </>
          )}
          <li>Hand the passphrase over in person or by another channel you trust.</li>
        </ul>
        <NewPassphraseFields
          idPrefix={formId}
          label="New passphrase"
          value={pass}
          onChange={setPass}
          problem={problem ?? issues.fields.newPassphrase ?? null}
          mismatch={pass.passphrase !== pass.confirm}
          showErrors={submitted || !!issues.fields.newPassphrase}
        />
      </form>
    </Modal>
  );
}
