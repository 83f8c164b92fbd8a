import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { issuesByField } from '../../lib/issuesByField';
import { passphraseProblem } from '../../lib/passphraseProblem';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { AuthLayout } from './AuthLayout';
import { NewPassphraseFields, type NewPassphrase } from './NewPassphraseFields';

/**
 * Right after signing in with a passphrase an administrator set (a new user, a reset, an enable):
 * the backend refuses everything but changing it and signing out, so this screen is all there is
 * until the user has a passphrase only they know.
 */
export function ChoosePassphraseScreen({ user, onChanged, onSignOut }: { user: string; onChanged: () => Promise<void>; onSignOut: () => Promise<void> }) {
  const client = useClient();
  const toasts = useToasts();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassphrase>({ passphrase: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problem = passphraseProblem(next.passphrase, user) ?? (submitted && next.passphrase !== '' && next.passphrase === current ? 'Choose a passphrase other than the one you were given.' : null);
  const issues = issuesByField(error, ['current', 'next']);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (problem || next.passphrase !== next.confirm || next.passphrase === current) return;
    setBusy(true);
    setError(null);
    const result = await client.call('auth.changePassphrase', { current, next: next.passphrase });
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      return;
    }
    toasts.show('success', 'Passphrase changed', 'Only you know it now; the administrator\'s one no longer opens the vault.');
    await onChanged();
  };

  const currentError = issues.fields.current ?? (error?.code === 'BAD_CREDENTIALS' ? error.message : undefined);
  return (
    <AuthLayout
      title="Choose a new passphrase"
      subtitle={<>Signed in as <strong>{user}</strong>. An administrator set your current passphrase, so they know it: choose one only you know before you continue.</>}
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {error && error.code !== 'BAD_CREDENTIALS' && issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <Field id="choose-current" label="Passphrase you were given" error={currentError}>
          <input {...describedBy('choose-current', currentError)} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} autoFocus required />
        </Field>
        <NewPassphraseFields
          idPrefix="choose-next"
          label="New passphrase"
          value={next}
          onChange={setNext}
          problem={problem ?? issues.fields.next ?? null}
          mismatch={next.passphrase !== next.confirm}
          showErrors={submitted || !!issues.fields.next}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>{busy ? 'Saving…' : 'Save and continue'}</button>
        <button type="button" className="btn btn-link" onClick={() => void onSignOut()}>Sign out</button>
      </form>
    </AuthLayout>
  );
}
