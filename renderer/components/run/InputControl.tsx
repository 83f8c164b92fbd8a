import { useState, type FormEvent } from 'react';
import { DATA_CATEGORIES } from '../../../contract';
import { useCan } from '../../hooks/useSession';
import { humanize } from '../../lib/humanize';
import { EMPTY_DRAFT, inputValueFrom, type InputDraft } from '../../lib/inputValueFrom';
import { checkCodes, describeCodes } from '../../lib/jurisdictionInput';
import { AffectedTable } from '../detail/AffectedTable';
import { describedBy, Field } from '../common/Field';
import { Icon } from '../common/Icon';
import type { StepControlProps } from './types';

const WRITES: Record<string, string> = {
  detectedAt: 'the detected time', containedAt: 'the contained time', eradicatedAt: 'the eradicated time',
  recoveredAt: 'the recovered time', summary: 'the summary', dataCategories: 'the data categories', affected: 'the affected people by jurisdiction',
};

/** A typed field per input type; the value is checked here first, then by the API. */
export function InputControl({ step, busy, send }: StepControlProps) {
  const d = step.definition;
  const type = d.type ?? 'text';
  // Writing an incident field is an incident edit: the API refuses it without incident:write.
  const mayWrite = useCan('incident:write') || d.writes === undefined;
  const [draft, setDraft] = useState<InputDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<string | undefined>();
  const id = `run-${d.id}-value`;
  const set = (patch: Partial<InputDraft>): void => {
    setDraft((old) => ({ ...old, ...patch }));
    setProblem(undefined);
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const parsed = inputValueFrom(type, draft, d.options);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    void send({ type: 'done', step: d.id, value: parsed.value });
  };

  let field;
  switch (type) {
    case 'number':
      field = (
        <Field id={id} label="Number" error={problem}>
          <input {...describedBy(id, problem)} type="number" inputMode="decimal" value={draft.text} onChange={(e) => set({ text: e.target.value })} />
        </Field>
      );
      break;
    case 'datetime':
      field = (
        <Field id={id} label="Date and time (your local time)" error={problem}>
          <input {...describedBy(id, problem)} type="datetime-local" value={draft.text} onChange={(e) => set({ text: e.target.value })} />
        </Field>
      );
      break;
    case 'choice':
      field = (
        <Field id={id} label="Choose one" error={problem}>
          <select {...describedBy(id, problem)} value={draft.text} onChange={(e) => set({ text: e.target.value })}>
            <option value="">Choose…</option>
            {(d.options ?? []).map((o) => <option key={o} value={o}>{humanize(o)}</option>)}
          </select>
        </Field>
      );
      break;
    case 'boolean':
      field = (
        <fieldset className="run-fieldset" aria-describedby={problem ? `${id}-error` : undefined}>
          <legend className="label">Answer</legend>
          <div className="button-row">
            {([true, false] as const).map((v) => (
              <label key={String(v)} className="check-row">
                <input type="radio" name={id} checked={draft.bool === v} onChange={() => set({ bool: v })} />
                {v ? 'Yes' : 'No'}
              </label>
            ))}
          </div>
          {problem && <p className="field-error" id={`${id}-error`}>{problem}</p>}
        </fieldset>
      );
      break;
    case 'data-categories':
      field = (
        <fieldset className="run-fieldset">
          <legend className="label">Data categories</legend>
          <div className="check-grid">
            {DATA_CATEGORIES.map((c) => (
              <label key={c} className="check-row">
                <input
                  type="checkbox"
                  checked={draft.list.includes(c)}
                  onChange={(e) => set({ list: e.target.checked ? [...draft.list, c] : draft.list.filter((x) => x !== c) })}
                />
                {humanize(c)}
              </label>
            ))}
          </div>
          {problem && <p className="field-error">{problem}</p>}
        </fieldset>
      );
      break;
    case 'jurisdictions':
      field = (
        <Field id={id} label="Jurisdictions" error={problem} hint={describeCodes(checkCodes(draft.text)) || 'Country codes like DE, FR or US-CA, separated by commas.'}>
          <input {...describedBy(id, problem, true)} className="mono" value={draft.text} onChange={(e) => set({ text: e.target.value })} />
        </Field>
      );
      break;
    case 'affected-counts':
      field = (
        <div className={`field${problem ? ' has-error' : ''}`}>
          <span className="label">Affected people by jurisdiction</span>
          <AffectedTable id={id} rows={draft.rows} onChange={(rows) => set({ rows })} />
          {problem && <p className="field-error">{problem}</p>}
        </div>
      );
      break;
    default:
      field = (
        <Field id={id} label="Text" error={problem}>
          <textarea {...describedBy(id, problem)} rows={3} value={draft.text} onChange={(e) => set({ text: e.target.value })} maxLength={20_000} />
        </Field>
      );
  }

  return (
    <form className="run-control" onSubmit={submit} noValidate aria-label={`Value for ${d.title}`}>
      {field}
      {d.writes && <p className="muted small">Saving it also sets {WRITES[d.writes] ?? humanize(d.writes)} of the incident (a change on the timeline).</p>}
      {!mayWrite && <p className="muted small">Your role may not change incidents, so someone who can must give this value.</p>}
      <div className="run-control-actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !mayWrite}>
          <Icon name="check" size={14} />
          Done
        </button>
      </div>
    </form>
  );
}
