import { useEffect, useState, type FormEvent } from 'react';
import type { AlarmSettings, ApiError } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { ErrorBanner } from '../common/ErrorBanner';
import { Field } from '../common/Field';

/** When the deadline board warns before a notification deadline (settings.alarms); the alarm at the deadline itself is always raised. */
export function AlarmHoursForm({ canEdit }: { canEdit: boolean }) {
  const client = useClient();
  const toasts = useToasts();
  const [current, setCurrent] = useState<AlarmSettings | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  useEffect(() => {
    void client.call('settings.alarms.get', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setCurrent(r.value);
      setText(r.value.hours.join(', '));
    });
  }, [client]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parts = text.split(/[\s,]+/).filter(Boolean);
    if (parts.some((p) => !/^\d+$/.test(p))) {
      setError('Whole hours, separated by commas (e.g. 48, 24, 4).');
      return;
    }
    const r = await client.call('settings.alarms.set', { hours: parts.map(Number) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setCurrent(r.value);
    setText(r.value.hours.join(', '));
    toasts.show('success', 'Alarm thresholds saved', `Warnings ${r.value.hours.map((h) => `${h} h`).join(', ')} before each deadline, and when it passes.`);
  };

  return (
    <section className="card" aria-labelledby="alarms-title">
      <div className="card-header"><h2 id="alarms-title">Deadline alarms</h2></div>
      <form className="card-body form" onSubmit={(e) => void submit(e)} noValidate>
        {error && <ErrorBanner>{typeof error === 'string' ? error : describeError(error)}</ErrorBanner>}
        <Field id="alarm-hours" label="Warn this many hours before a deadline" hint={`One to six whole hours, up to 720; an alarm is also raised when a deadline passes.${current?.source === 'default' ? ' Not set: the default applies.' : ''}`}>
          {/* Read-only until the saved thresholds have arrived, which would overwrite what was typed. */}
          <input id="alarm-hours" className="mono" value={text} readOnly={!canEdit || current === null} onChange={(e) => setText(e.target.value)} />
        </Field>
        {canEdit && <div className="button-row"><button type="submit" className="btn btn-primary">Save thresholds</button></div>}
      </form>
    </section>
  );
}
