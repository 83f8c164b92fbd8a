import { useState, type FormEvent } from 'react';
import type { ApiError, BreachFacts } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { describeError } from '../../lib/describeError';
import { FACT_GROUPS, type FactField } from '../../lib/factFields';
import { factsPatchFrom, toFactsForm, type FactsForm } from '../../lib/factsPatchFrom';
import { checkCodes, describeCodes } from '../../lib/jurisdictionInput';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field } from '../common/Field';
import { Modal } from '../common/Modal';

/** Edits an incident's breach facts; saving sends only what changed (each change is logged with its old value). */
export function BreachFactsDialog({ incidentRef, facts, onClose, onSaved }: { incidentRef: string; facts: BreachFacts; onClose: () => void; onSaved: () => void }) {
  const client = useClient();
  const [form, setForm] = useState<FactsForm>(() => toFactsForm(facts));
  const [errors, setErrors] = useState<Partial<Record<FactField['name'], string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { patch, errors: local } = factsPatchFrom(form, facts);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    const r = await client.call('notify.facts.set', { ref: incidentRef, patch });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    onSaved();
  };

  const control = (f: FactField) => {
    const id = `fact-${f.name}`;
    const set = (value: string) => setForm((old) => ({ ...old, [f.name]: value }));
    const problem = errors[f.name];
    const described = { 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? `${id}-error` : f.hint ? `${id}-hint` : undefined };
    let input;
    if (f.kind === 'time') input = <input id={id} type="datetime-local" value={form[f.name]} onChange={(e) => set(e.target.value)} {...described} />;
    else if (f.kind === 'yesNo' || f.kind === 'choice') {
      const choices = f.kind === 'yesNo' ? [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] : (f.choices ?? []);
      input = (
        <select id={id} value={form[f.name]} onChange={(e) => set(e.target.value)} {...described}>
          <option value="">Not known</option>
          {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      );
    } else if (f.kind === 'text') input = <textarea id={id} rows={2} value={form[f.name]} onChange={(e) => set(e.target.value)} maxLength={20_000} {...described} />;
    else input = <input id={id} className="mono" value={form[f.name]} onChange={(e) => set(e.target.value)} {...described} />;
    // A list of codes says what each one is as it is typed (UK → GB (United Kingdom), DE Germany).
    const hint = f.kind === 'list' ? describeCodes(checkCodes(form[f.name])) || f.hint : f.hint;
    return <Field key={f.name} id={id} label={f.label} hint={hint} error={problem} className={f.kind === 'text' ? 'span-2' : undefined}>{input}</Field>;
  };

  return (
    <Modal
      title="Breach facts"
      size="lg"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="breach-facts" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save and re-assess'}</button>
        </>
      }
    >
      <form id="breach-facts" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted small">Leave a fact at "Not known" rather than guess: the assessment then says which obligations it would decide. Times are in your time zone. Data categories and affected people are edited on the incident.</p>
        {error && <ErrorBanner>The facts were not saved: {describeError(error)}</ErrorBanner>}
        {FACT_GROUPS.map((g) => (
          <fieldset key={g.title} className="form-section">
            <legend>{g.title}</legend>
            <div className="form-grid">{g.fields.map(control)}</div>
          </fieldset>
        ))}
      </form>
    </Modal>
  );
}
