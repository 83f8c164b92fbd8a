import { DoneButton } from './DoneButton';
import type { StepControlProps } from './types';

/** Each tick is its own action, so ticks survive a reload and show up for everyone working the run. */
export function ChecklistControl({ step, busy, send }: StepControlProps) {
  const items = step.definition.items ?? [];
  const id = step.definition.id;
  const allTicked = items.every((_, i) => step.ticked.includes(i));
  return (
    <div className="run-control">
      <fieldset className="run-checklist">
        <legend className="visually-hidden">Checklist</legend>
        {items.map((item, i) => (
          <label key={i} className="check-row">
            <input
              type="checkbox"
              checked={step.ticked.includes(i)}
              disabled={busy}
              onChange={(e) => void send({ type: 'tick', step: id, item: i, checked: e.target.checked })}
            />
            {item}
          </label>
        ))}
      </fieldset>
      <div className="run-control-actions">
        <DoneButton disabled={busy || !allTicked} onClick={() => void send({ type: 'done', step: id, items: items.map((_, i) => i) })} />
        <span className="muted small">{step.ticked.length} of {items.length} ticked{allTicked ? '' : ' · Done once every item is ticked'}</span>
      </div>
    </div>
  );
}
