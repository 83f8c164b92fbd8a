import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useSession } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { issuesByField } from '../../lib/issuesByField';
import { passphraseProblem } from '../../lib/passphraseProblem';
import { NewPassphraseFields, type NewPassphrase } from '../auth/NewPassphraseFields';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';

export function ChangePassphraseForm() {
  const client = useClient();
  const toasts = useToasts();
  const { session } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassphrase>({ passphrase: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const problem = passphraseProblem(next.passphrase, session.user);
  const issues = issuesByField(error, ['current', 'next']);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSubmitted(true);
    if (problem || next.passphrase !== next.confirm) return;
    setBusy(true);
    setError(null);
    const result = await client.call('auth.changePassphrase', { current, next: next.passphrase });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCurrent('');
    setNext({ passphrase: '', confirm: '' });
    setSubmitted(false);
    toasts.show('success', 'Passphrase changed', 'Only your key slot was rewritten; the database is unchanged.');
  };

  const currentError = issues.fields.current ?? (error?.code === 'BAD_CREDENTIALS' ? error.message : undefined);
  return (
    <section className="card" aria-labelledby="pass-title">
      <div className="card-header"><h2 id="pass-title">Change passphrase</h2></div>
      <form className="card-body form" onSubmit={(e) => void submit(e)} noValidate>
        {error && error.code !== 'BAD_CREDENTIALS' && issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <Field id="pass-current" label="Current passphrase" error={currentError}>
          <input {...describedBy('pass-current', currentError)} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <NewPassphraseFields
          idPrefix="pass-next"
          label="New passphrase"
          value={next}
          onChange={setNext}
          problem={problem ?? issues.fields.next ?? null}
          mismatch={next.passphrase !== next.confirm}
          showErrors={submitted}
        />
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Changing…' : 'Change passphrase'}</button>
        </div>
      </form>
    </section>
  );
}
