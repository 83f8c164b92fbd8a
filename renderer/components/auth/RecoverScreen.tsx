import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { issuesByField } from '../../lib/issuesByField';
import { passphraseProblem } from '../../lib/passphraseProblem';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { AuthLayout } from './AuthLayout';
import { NewPassphraseFields, type NewPassphrase } from './NewPassphraseFields';

export function RecoverScreen({ onDone, onCancel }: { onDone: (user: string) => void; onCancel: () => void }) {
  const client = useClient();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [user, setUser] = useState('');
  const [pass, setPass] = useState<NewPassphrase>({ passphrase: '', confirm: '' });
  const [resetMfa, setResetMfa] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problem = passphraseProblem(pass.passphrase, user);
  const issues = issuesByField(error, ['recoveryKey', 'user', 'newPassphrase']);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (problem || pass.passphrase !== pass.confirm) return;
    setBusy(true);
    setError(null);
    const result = await client.call('vault.recover', {
      recoveryKey: recoveryKey.trim(), user: user.trim(), newPassphrase: pass.passphrase, resetMfa,
    });
    setBusy(false);
    if (result.ok) onDone(result.value.user);
    else setError(result.error);
  };

  return (
    <AuthLayout title="Recover access" subtitle="Set a new passphrase for a user with the recovery key you stored when the vault was created.">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <Field id="recover-key" label="Recovery key" error={issues.fields.recoveryKey}>
          <textarea
            {...describedBy('recover-key', issues.fields.recoveryKey)}
            className="mono"
            rows={2}
            value={recoveryKey}
            onChange={(e) => setRecoveryKey(e.target.value)}
            autoFocus
            spellCheck={false}
            required
          />
        </Field>
        <Field id="recover-user" label="User name" error={issues.fields.user}>
          <input {...describedBy('recover-user', issues.fields.user)} value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" required />
        </Field>
        <NewPassphraseFields
          idPrefix="recover"
          label="New passphrase"
          value={pass}
          onChange={setPass}
          problem={problem ?? issues.fields.newPassphrase ?? null}
          mismatch={pass.passphrase !== pass.confirm}
          showErrors={submitted}
        />
        <label className="check-row">
          <input type="checkbox" checked={resetMfa} onChange={(e) => setResetMfa(e.target.checked)} />
          Also remove two-factor authentication
        </label>
        <p className="field-hint">
          Needed when the user has it: the authenticator secret is sealed under a key only the forgotten passphrase opens, so it cannot be kept.
          They enrol again after signing in.
        </p>
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Resetting…' : 'Reset passphrase'}
        </button>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Back to sign in
        </button>
      </form>
    </AuthLayout>
  );
}
