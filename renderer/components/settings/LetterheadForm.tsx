import { useEffect, useState, type FormEvent } from 'react';
import { EMPTY_LETTERHEAD, type ApiError, type Letterhead } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field } from '../common/Field';

const FIELDS: { name: keyof Letterhead; label: string; hint?: string; multiline?: boolean }[] = [
  { name: 'organisation', label: 'Organisation', hint: 'The legal name on every letter and e-mail.' },
  { name: 'address', label: 'Postal address', multiline: true },
  { name: 'email', label: 'E-mail', hint: 'The sender of .eml exports and the contact on letters.' },
  { name: 'phone', label: 'Phone' },
  { name: 'website', label: 'Website' },
  { name: 'dpo', label: 'Data protection officer or contact point', hint: 'Name and how to reach them (GDPR Art. 33(3)(b)).' },
  { name: 'signatory', label: 'Signed by', hint: 'e.g. "Jana Schmidt, General Counsel".' },
];

/** The letterhead of notification letters (settings.letterhead); unset fields are placeholders that block approval. */
export function LetterheadForm({ canEdit }: { canEdit: boolean }) {
  const client = useClient();
  const toasts = useToasts();
  const [form, setForm] = useState<Letterhead>(EMPTY_LETTERHEAD);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Read-only until the saved letterhead has arrived: typing into the empty form first would be
  // overwritten by it, and the user's text lost without a sign.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void client.call('settings.letterhead.get', {}).then((r) => {
      if (r.ok) setForm(r.value);
      else setError(r.error);
      setLoaded(true);
    });
  }, [client]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await client.call('settings.letterhead.set', form);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setForm(r.value);
    toasts.show('success', 'Letterhead saved', 'New notices use it; existing drafts change with "Rewrite from the facts".');
  };

  return (
    <section className="card" aria-labelledby="letterhead-title">
      <div className="card-header"><h2 id="letterhead-title">Letterhead of notices</h2></div>
      <form className="card-body form" onSubmit={(e) => void submit(e)} noValidate>
        {error && <ErrorBanner>{describeError(error)}</ErrorBanner>}
        <div className="form-grid">
          {FIELDS.map((f) => (
            <Field key={f.name} id={`letterhead-${f.name}`} label={f.label} hint={f.hint} className={f.multiline ? 'span-2' : undefined}>
              {f.multiline ? (
                <textarea id={`letterhead-${f.name}`} rows={3} value={form[f.name]} readOnly={!canEdit || !loaded} onChange={(e) => setForm((old) => ({ ...old, [f.name]: e.target.value }))} />
              ) : (
                <input id={`letterhead-${f.name}`} value={form[f.name]} readOnly={!canEdit || !loaded} onChange={(e) => setForm((old) => ({ ...old, [f.name]: e.target.value }))} />
              )}
            </Field>
          ))}
        </div>
        {canEdit && <div className="button-row"><button type="submit" className="btn btn-primary" disabled={busy || !loaded}>{busy ? 'Saving…' : 'Save letterhead'}</button></div>}
      </form>
    </section>
  );
}
