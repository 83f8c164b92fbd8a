import { useState, type FormEvent } from 'react';
import {
  CATEGORIES, DATA_CATEGORIES, incidentFieldsSchema, SEVERITIES,
  type ApiError, type Category, type Incident, type IncidentFields, type PiiField, type Severity,
} from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/dateTimeLocal';
import { diffIncident } from '../../lib/diffIncident';
import { humanize } from '../../lib/humanize';
import { issuesByField } from '../../lib/issuesByField';
import { affectedRowsProblem } from '../../lib/jurisdictionInput';
import { timeOrderFieldErrors } from '../../lib/timeOrderFieldErrors';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { ExerciseCheckbox } from '../incidents/ExerciseCheckbox';
import { AffectedTable } from './AffectedTable';
import { Restricted } from './Restricted';
import { TagInput } from './TagInput';
import { TimeOrderProblems } from './TimeOrderProblems';

const FIELD_NAMES = Object.keys(incidentFieldsSchema.shape) as (keyof IncidentFields)[];
const TIMES = [
  ['startedAt', 'Compromise started'], ['detectedAt', 'Detected'], ['triagedAt', 'Triaged'], ['containedAt', 'Contained'],
  ['eradicatedAt', 'Eradicated'], ['recoveredAt', 'Recovered'], ['closedAt', 'Closed'],
] as const;

function draftOf(incident: Incident): IncidentFields {
  const draft = {} as Record<keyof IncidentFields, unknown>;
  for (const f of FIELD_NAMES) draft[f] = incident[f];
  return draft as IncidentFields;
}

/** Edits every field at once and sends only what changed; personal data stays out of reach without pii:read. */
export function IncidentEditForm({ incident, onSaved, onCancel }: { incident: Incident; onSaved: () => void; onCancel: () => void }) {
  const client = useClient();
  const toasts = useToasts();
  const owners = useApiResource(() => client.call('users.names', {}), [client]);
  const [draft, setDraft] = useState<IncidentFields>(() => draftOf(incident));
  const [people, setPeople] = useState(() => incident.affectedPeople.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  /** Why times out of order are right anyway: asked for only after the API named the pairs. */
  const [override, setOverride] = useState('');
  /** Why these changes (a time corrected from the firewall log…): optional, recorded with them. */
  const [reason, setReason] = useState('');
  const timeOrder = error?.timeOrder ?? [];
  // Set when a save is tried with a row whose code is not one: the rows then say why, empty ones too.
  const [codesChecked, setCodesChecked] = useState(false);
  const issues = issuesByField(error, [...FIELD_NAMES, 'reason'], 'patch.');
  const hidden = (f: PiiField): boolean => incident.redacted.includes(f);
  const set = <K extends keyof IncidentFields>(key: K, value: IncidentFields[K]): void => setDraft((d) => ({ ...d, [key]: value }));
  const text = (v: string): string | null => (v.trim() === '' ? null : v);

  const full: IncidentFields = { ...draft, affectedPeople: people.split('\n').map((p) => p.trim()).filter(Boolean) };
  const patch = diffIncident(incident, full);
  const changed = Object.keys(patch).length;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (changed === 0) {
      onCancel();
      return;
    }
    // A code that is not one is refused here, next to its row, before anything is sent (the API refuses it too).
    if (patch.affected !== undefined && affectedRowsProblem(patch.affected) !== null) {
      setCodesChecked(true);
      toasts.show('error', 'Not saved', 'A jurisdiction code is not valid: see the highlighted row.');
      // After the re-render that marks the rows.
      setTimeout(() => document.querySelector<HTMLInputElement>('#edit-affected input[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    setError(null);
    const keep = timeOrder.length > 0 && override.trim() !== '' ? { overrideTimeOrder: override.trim() } : {};
    const why = reason.trim() !== '' ? { reason: reason.trim() } : {};
    const result = await client.call('incidents.update', { ref: incident.ref, patch, ...keep, ...why });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      toasts.show('error', 'Not saved', result.error.code === 'VALIDATION' ? 'Check the highlighted fields.' : result.error.message);
      return;
    }
    toasts.show('success', `Saved ${changed} ${changed === 1 ? 'change' : 'changes'} to ${incident.ref}`);
    onSaved();
  };

  // Times out of order, said in the viewer's time like the inputs (the API's text is in UTC).
  const err = timeOrderFieldErrors(issues.fields, timeOrder, new Set(Object.keys(patch)));
  const affectedProblem = codesChecked ? affectedRowsProblem(draft.affected) : null;
  return (
    <form className="card edit-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="edit-title">
      <div className="card-header">
        <h2 id="edit-title">Edit details</h2>
        <span className="muted small" aria-live="polite">{changed ? `${changed} unsaved ${changed === 1 ? 'change' : 'changes'}` : 'No changes yet'}</span>
      </div>
      <div className="card-body form">
        {issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <div className="form-grid">
          <Field id="edit-title-input" label="Title" error={err.title} className="span-2">
            <input {...describedBy('edit-title-input', err.title)} value={draft.title} onChange={(e) => set('title', e.target.value)} maxLength={200} autoFocus />
          </Field>
          <Field id="edit-severity" label="Severity" error={err.severity}>
            <select {...describedBy('edit-severity', err.severity)} value={draft.severity} onChange={(e) => set('severity', e.target.value as Severity)}>
              {SEVERITIES.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </Field>
          <Field id="edit-category" label="Category" error={err.category}>
            <select {...describedBy('edit-category', err.category)} value={draft.category} onChange={(e) => set('category', e.target.value as Category)}>
              {CATEGORIES.map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
            </select>
          </Field>
          <Field id="edit-owner" label="Owner" error={err.owner}>
            <select {...describedBy('edit-owner', err.owner)} value={draft.owner ?? ''} onChange={(e) => set('owner', e.target.value || null)}>
              <option value="">Unassigned</option>
              {[...new Set([...(owners.data ?? []), ...(draft.owner ? [draft.owner] : [])])].map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          </Field>
          <Field id="edit-tags" label="Tags" error={err.tags}>
            <TagInput id="edit-tags" value={draft.tags} onChange={(tags) => set('tags', tags)} invalid={!!err.tags} />
          </Field>
          <Field id="edit-summary" label="Summary" error={err.summary} className="span-2">
            <textarea {...describedBy('edit-summary', err.summary)} rows={5} value={draft.summary} onChange={(e) => set('summary', e.target.value)} />
          </Field>
          <ExerciseCheckbox id="edit-exercise" checked={draft.exercise} onChange={(v) => set('exercise', v)} error={err.exercise} />
        </div>

        <fieldset className="form-section">
          <legend>Key times <span className="muted small">(your local time)</span></legend>
          <div className="form-grid form-grid-3">
            {TIMES.map(([key, label]) => {
              // The start may be unknown (empty); a phase's time is there once the incident reaches it.
              const hint = key === 'startedAt' ? 'Empty: unknown. When the compromise or impact began.' : undefined;
              return (
                <Field key={key} id={`edit-${key}`} label={label} error={err[key]} hint={hint}>
                  <input
                    {...describedBy(`edit-${key}`, err[key], hint !== undefined)}
                    type="datetime-local"
                    value={toDateTimeLocal(draft[key])}
                    onChange={(e) => setDraft((d) => ({ ...d, [key]: fromDateTimeLocal(e.target.value) }))}
                  />
                </Field>
              );
            })}
          </div>
          <TimeOrderProblems id="edit-override" conflicts={timeOrder} override={override} onOverride={setOverride} />
        </fieldset>

        <fieldset className="form-section">
          <legend>Impact</legend>
          <div className="field">
            <span className="label" id="edit-data-label">Data categories</span>
            <div className="check-grid" role="group" aria-labelledby="edit-data-label">
              {DATA_CATEGORIES.map((c) => (
                <label key={c} className="check-row">
                  <input
                    type="checkbox"
                    checked={draft.dataCategories.includes(c)}
                    onChange={(e) => set('dataCategories', e.target.checked ? [...draft.dataCategories, c] : draft.dataCategories.filter((x) => x !== c))}
                  />
                  {humanize(c)}
                </label>
              ))}
            </div>
            {err.dataCategories && <p className="field-error">{err.dataCategories}</p>}
          </div>
          <div className={`field${err.affected || affectedProblem ? ' has-error' : ''}`}>
            <span className="label">Affected people by jurisdiction</span>
            <AffectedTable id="edit-affected" rows={draft.affected} onChange={(rows) => set('affected', rows)} checkEmpty={codesChecked} />
            {affectedProblem ? <p className="field-error" role="alert">Not saved: {affectedProblem}</p> : err.affected && <p className="field-error">{err.affected}</p>}
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>Reporter and affected people</legend>
          <div className="form-grid form-grid-3">
            {hidden('reporterName') ? <RestrictedField label="Reporter name" /> : (
              <Field id="edit-reporter-name" label="Reporter name" error={err.reporterName}>
                <input {...describedBy('edit-reporter-name', err.reporterName)} value={draft.reporterName ?? ''} onChange={(e) => set('reporterName', text(e.target.value))} />
              </Field>
            )}
            {hidden('reporterEmail') ? <RestrictedField label="Reporter email" /> : (
              <Field id="edit-reporter-email" label="Reporter email" error={err.reporterEmail}>
                <input {...describedBy('edit-reporter-email', err.reporterEmail)} type="email" value={draft.reporterEmail ?? ''} onChange={(e) => set('reporterEmail', text(e.target.value))} />
              </Field>
            )}
            {hidden('reporterPhone') ? <RestrictedField label="Reporter phone" /> : (
              <Field id="edit-reporter-phone" label="Reporter phone" error={err.reporterPhone}>
                <input {...describedBy('edit-reporter-phone', err.reporterPhone)} type="tel" value={draft.reporterPhone ?? ''} onChange={(e) => set('reporterPhone', text(e.target.value))} />
              </Field>
            )}
          </div>
          {hidden('affectedPeople') ? <RestrictedField label="Affected people" /> : (
            <Field id="edit-people" label="Affected people" error={err.affectedPeople} hint="One name per line.">
              <textarea {...describedBy('edit-people', err.affectedPeople, true)} rows={4} value={people} onChange={(e) => setPeople(e.target.value)} />
            </Field>
          )}
        </fieldset>

        <Field id="edit-reason" label="Reason for these changes (optional)" error={err.reason}
          hint="Recorded on the timeline with each change's before and after, e.g. where a corrected time comes from.">
          <textarea {...describedBy('edit-reason', err.reason, true)} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
      <div className="card-footer">
        <button type="button" className="btn btn-secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : timeOrder.length > 0 && override.trim() ? 'Save with these times' : changed ? `Save ${changed} ${changed === 1 ? 'change' : 'changes'}` : 'Save'}
        </button>
      </div>
    </form>
  );
}

function RestrictedField({ label }: { label: string }) {
  return (
    <div className="field">
      <span className="label">{label}</span>
      <Restricted />
    </div>
  );
}
