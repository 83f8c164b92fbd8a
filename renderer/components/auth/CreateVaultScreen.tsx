import { useState, type FormEvent } from 'react';
import { userNameSchema, type ApiError, type SessionInfo } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { issuesByField } from '../../lib/issuesByField';
import { passphraseProblem } from '../../lib/passphraseProblem';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { AuthLayout } from './AuthLayout';
import { NewPassphraseFields, type NewPassphrase } from './NewPassphraseFields';

export function CreateVaultScreen({ onCreated }: { onCreated: (recoveryKey: string, session: SessionInfo) => void }) {
  const client = useClient();
  const [admin, setAdmin] = useState('admin');
  const [pass, setPass] = useState<NewPassphrase>({ passphrase: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const problem = passphraseProblem(pass.passphrase, admin);
  const nameError = submitted && !userNameSchema.safeParse(admin).success
    ? 'Lower-case letters, digits, . _ or -, starting with a letter (2–32 characters).'
    : undefined;
  const issues = issuesByField(error, ['admin', 'passphrase']);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (problem || pass.passphrase !== pass.confirm || !userNameSchema.safeParse(admin).success) return;
    setBusy(true);
    setError(null);
    const result = await client.call('vault.create', { admin, passphrase: pass.passphrase });
    setBusy(false);
    if (result.ok) onCreated(result.value.recoveryKey, result.value.session);
    else setError(result.error);
  };

  const adminError = nameError ?? issues.fields.admin;
  return (
    <AuthLayout
      title="Create the vault"
      subtitle="First run on this machine. Everything Firebreak stores is encrypted with a key that only your passphrase (or the recovery key) can open."
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {(issues.other.length > 0 || issues.fields.passphrase) && (
          <ErrorBanner>{[...issues.other, issues.fields.passphrase].filter(Boolean).join(' ')}</ErrorBanner>
        )}
        <Field id="admin-name" label="Administrator user name" error={adminError}>
          <input {...describedBy('admin-name', adminError)} value={admin} onChange={(e) => setAdmin(e.target.value)} autoComplete="username" autoFocus required />
        </Field>
        <NewPassphraseFields
          idPrefix="create"
          value={pass}
          onChange={setPass}
          problem={problem}
          mismatch={pass.passphrase !== pass.confirm}
          showErrors={submitted}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Creating vault… (deriving the key takes a moment)' : 'Create vault'}
        </button>
      </form>
    </AuthLayout>
  );
}
