import { useEffect, useState, type FormEvent } from 'react';
import type { AlertSettings, ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field } from '../common/Field';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
type Counting = 'failedSignInsPerUser' | 'failedSignInsOverall' | 'personalDataBurst';
const COUNTING: readonly [Counting, string][] = [
  ['failedSignInsPerUser', 'Failed sign-ins for one user'],
  ['failedSignInsOverall', 'Failed sign-ins, all users'],
  ['personalDataBurst', 'Personal-data and evidence reads by one user'],
];

/** The security alert rules' thresholds, windows and working hours (settings.alerts); the API validates and names what is wrong. */
export function AlertRulesForm({ canEdit }: { canEdit: boolean }) {
  const client = useClient();
  const toasts = useToasts();
  const [form, setForm] = useState<AlertSettings | null>(null);
  const [source, setSource] = useState<'settings' | 'default'>('default');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void client.call('settings.alerts.get', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      const { source: from, ...settings } = r.value;
      setForm(settings);
      setSource(from);
    });
  }, [client]);
  if (!form) return error ? <ErrorBanner>{describeError(error)}</ErrorBanner> : null;

  const setCounting = (key: Counting, field: 'threshold' | 'windowMinutes', value: string) =>
    setForm({ ...form, [key]: { ...form[key], [field]: Number(value) } });
  const hours = form.workingHours;
  const setHours = (patch: Partial<AlertSettings['workingHours']>) => setForm({ ...form, workingHours: { ...hours, ...patch } });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await client.call('settings.alerts.set', form);
    if (!r.ok) return setError(r.error);
    setError(null);
    const { source: from, ...settings } = r.value;
    setForm(settings);
    setSource(from);
    toasts.show('success', 'Alert rules saved', 'The rules use them from the next event on.');
  };

  return (
    <section className="card" aria-labelledby="alert-rules-title">
      <div className="card-header"><h2 id="alert-rules-title">Security alert rules</h2></div>
      <form className="card-body form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="muted">
          An alert is raised when this many events fall within the window (counted at the events' own times).
          {source === 'default' ? ' Not set: the defaults apply.' : ''}
        </p>
        {error && <ErrorBanner>{describeError(error)}</ErrorBanner>}
        {COUNTING.map(([key, label]) => (
          <div className="form-grid" key={key}>
            <Field id={`${key}-threshold`} label={`${label}: threshold`} hint="2 to 10000 events">
              <input id={`${key}-threshold`} type="number" min={2} value={form[key].threshold} readOnly={!canEdit} onChange={(e) => setCounting(key, 'threshold', e.target.value)} />
            </Field>
            <Field id={`${key}-window`} label="within (minutes)" hint="1 to 1440">
              <input id={`${key}-window`} type="number" min={1} value={form[key].windowMinutes} readOnly={!canEdit} onChange={(e) => setCounting(key, 'windowMinutes', e.target.value)} />
            </Field>
          </div>
        ))}
        <Field id="alert-repeat" label="Repeats of a single-event alert (a key export…) count on its open alert within (minutes)" hint="1 to 1440">
          <input id="alert-repeat" type="number" min={1} value={form.repeatMinutes} readOnly={!canEdit} onChange={(e) => setForm({ ...form, repeatMinutes: Number(e.target.value) })} />
        </Field>
        <label className="check-row">
          <input type="checkbox" checked={hours.enabled} disabled={!canEdit} onChange={(e) => setHours({ enabled: e.target.checked })} />
          Alert on sign-ins outside working hours
        </label>
        <div className="form-grid form-grid-3">
          <Field id="hours-start" label="Working day starts">
            <input id="hours-start" type="time" value={hours.start} readOnly={!canEdit} onChange={(e) => setHours({ start: e.target.value })} />
          </Field>
          <Field id="hours-end" label="ends" hint="Before the start: a night shift">
            <input id="hours-end" type="time" value={hours.end} readOnly={!canEdit} onChange={(e) => setHours({ end: e.target.value })} />
          </Field>
          <Field id="hours-zone" label="Time zone" hint="IANA name, e.g. Europe/Berlin">
            <input id="hours-zone" className="mono" value={hours.timeZone} readOnly={!canEdit} onChange={(e) => setHours({ timeZone: e.target.value })} />
          </Field>
        </div>
        <fieldset className="working-days">
          <legend>Working days</legend>
          {DAY_NAMES.map((name, day) => (
            <label key={name} className="check-row">
              <input
                type="checkbox"
                checked={hours.days.includes(day)}
                disabled={!canEdit}
                onChange={(e) => setHours({ days: e.target.checked ? [...hours.days, day].sort((a, b) => a - b) : hours.days.filter((d) => d !== day) })}
              />
              {name}
            </label>
          ))}
        </fieldset>
        {canEdit && <div className="button-row"><button type="submit" className="btn btn-primary">Save alert rules</button></div>}
      </form>
    </section>
  );
}
