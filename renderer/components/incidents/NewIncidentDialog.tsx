import { useState, type FormEvent } from 'react';
import { CATEGORIES, SEVERITIES, type ApiError, type Category, type Severity } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { fromDateTimeLocal, toDateTimeLocal } from '../../lib/dateTimeLocal';
import { humanize } from '../../lib/humanize';
import { issuesByField } from '../../lib/issuesByField';
import { timeOrderFieldErrors } from '../../lib/timeOrderFieldErrors';
import { ErrorBanner } from '../common/ErrorBanner';
import { describedBy, Field } from '../common/Field';
import { Modal } from '../common/Modal';
import { TimeOrderProblems } from '../detail/TimeOrderProblems';
import { ExerciseCheckbox } from './ExerciseCheckbox';
import { SeverityPicker } from './SeverityPicker';

const FIELDS = ['title', 'severity', 'category', 'owner', 'summary', 'startedAt', 'detectedAt', 'exercise'];

export function NewIncidentDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (ref: string) => void }) {
  const client = useClient();
  const toasts = useToasts();
  const owners = useApiResource(() => client.call('users.names', {}), [client]);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('SEV3');
  const [category, setCategory] = useState<Category>('other');
  const [owner, setOwner] = useState('');
  const [summary, setSummary] = useState('');
  const [detectedAt, setDetectedAt] = useState(() => toDateTimeLocal(new Date().toISOString()));
  /** When the compromise began; empty while unknown (time to detect starts here). */
  const [startedAt, setStartedAt] = useState('');
  const [exercise, setExercise] = useState(false);
  /** Why a start after the detection is right anyway: asked for only after the API named the pair. */
  const [override, setOverride] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const issues = issuesByField(error, FIELDS);
  const timeOrder = error?.timeOrder ?? [];
  // The pair under the field it is about, in the viewer's time like the inputs (the API writes UTC).
  const err = timeOrderFieldErrors(issues.fields, timeOrder, new Set(startedAt ? ['startedAt', 'detectedAt'] : ['detectedAt']));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const detected = fromDateTimeLocal(detectedAt);
    const started = fromDateTimeLocal(startedAt);
    const keep = timeOrder.length > 0 && override.trim() !== '' ? { overrideTimeOrder: override.trim() } : {};
    const result = await client.call('incidents.create', {
      title, severity, category, owner: owner || null, summary, exercise, startedAt: started, ...(detected ? { detectedAt: detected } : {}), ...keep,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    toasts.show('success', `${result.value.ref} declared`, result.value.title);
    onCreated(result.value.ref);
  };

  return (
    <Modal
      title="New incident"
      onClose={onClose}
      size="lg"
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>Cancel</button>
          <button type="submit" form="new-incident" className="btn btn-primary" disabled={busy}>
            {busy ? 'Declaring…' : timeOrder.length > 0 && override.trim() ? 'Declare with these times' : exercise ? 'Declare exercise' : 'Declare incident'}
          </button>
        </>
      }
    >
      <form id="new-incident" className="form form-grid" onSubmit={(e) => void submit(e)} noValidate>
        {issues.other.length > 0 && <ErrorBanner>{issues.other.join(' ')}</ErrorBanner>}
        <Field id="new-title" label="Title" error={issues.fields.title} className="span-2">
          <input {...describedBy('new-title', issues.fields.title)} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus maxLength={200} placeholder="e.g. Ransomware on file server FS-02" />
        </Field>
        <Field id="new-severity" label="Severity" error={issues.fields.severity} className="span-2">
          <SeverityPicker id="new-severity" value={severity} onChange={setSeverity} options={SEVERITIES} />
        </Field>
        <Field id="new-category" label="Category" error={issues.fields.category}>
          <select {...describedBy('new-category', issues.fields.category)} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>{humanize(c)}</option>
            ))}
          </select>
        </Field>
        <Field id="new-owner" label="Owner" error={issues.fields.owner}>
          <select {...describedBy('new-owner', issues.fields.owner)} value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">Unassigned</option>
            {(owners.data ?? []).map((o) => (
              <option key={o} value={o}>{o}</option>
            ))}
          </select>
        </Field>
        <Field id="new-started" label="Compromise started" error={err.startedAt} hint="Your local time. Empty: unknown.">
          <input {...describedBy('new-started', err.startedAt, true)} type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
        </Field>
        <Field id="new-detected" label="Detected at" error={err.detectedAt} hint="Your local time.">
          <input {...describedBy('new-detected', err.detectedAt, true)} type="datetime-local" value={detectedAt} onChange={(e) => setDetectedAt(e.target.value)} />
        </Field>
        {timeOrder.length > 0 && (
          <div className="span-2">
            <TimeOrderProblems id="new-override" conflicts={timeOrder} override={override} onOverride={setOverride} />
          </div>
        )}
        <Field id="new-summary" label="Summary" error={issues.fields.summary} className="span-2">
          <textarea {...describedBy('new-summary', issues.fields.summary)} rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} placeholder="What is known so far: systems, first signs, who noticed." />
        </Field>
        <ExerciseCheckbox id="new-exercise" checked={exercise} onChange={setExercise} error={issues.fields.exercise} />
      </form>
    </Modal>
  );
}
