import { useState, type FormEvent } from 'react';
import { ROLE_PERMISSIONS, ROLES, type ApiError, type Role } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { humanize } from '../../lib/humanize';
import { issuesByField } from '../../lib/issuesByField';
import { passphraseProblem } from '../../lib/passphraseProblem';
import { NewPassphraseFields, type NewPassphrase } from '../auth/NewPassphraseFields';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';

export function AddUserDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('responder');
  const [pass, setPass] = useState<NewPassphrase>({ passphrase: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problem = passphraseProblem(pass.passphrase, name);
  const issues = issuesByField(error, ['name', 'role', 'passphrase']);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (problem || pass.passphrase !== pass.confirm) return;
    setBusy(true);
    setError(null);
    const result = await client.call('users.add', { name: name.trim(), role, passphrase: pass.passphrase });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    toasts.show('success', `User ${result.value.name} added`, 'Hand over the initial passphrase in person; they must choose their own at the first sign-in.');
    onAdded();
  };

  return (
    <Modal
      title="Add user"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="add-user" className="btn btn-primary" disabled={busy}>{busy ? 'Adding…' : 'Add user'}</button>
        </>
      }
    >
      <form id="add-user" className="form" onSubmit={(e) => void submit(e)} noValidate>
        {issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <Field id="user-name" label="User name" error={issues.fields.name} hint="Lower-case letters, digits, . _ -">
          <input {...describedBy('user-name', issues.fields.name, true)} value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="off" />
        </Field>
        <Field id="user-role" label="Role" error={issues.fields.role} hint={`Can: ${ROLE_PERMISSIONS[role].join(', ')}`}>
          <select {...describedBy('user-role', issues.fields.role, true)} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
          </select>
        </Field>
        <NewPassphraseFields
          idPrefix="user"
          label="Initial passphrase"
          value={pass}
          onChange={setPass}
          problem={problem ?? issues.fields.passphrase ?? null}
          mismatch={pass.passphrase !== pass.confirm}
          showErrors={submitted || !!issues.fields.passphrase}
        />
        <p className="muted small">You will know this passphrase, so at the first sign-in they must replace it with one only they know.</p>
      </form>
    </Modal>
  );
}
