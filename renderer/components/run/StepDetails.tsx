import type { RunStepView } from '../../../contract';
import { humanize } from '../../lib/humanize';
import { Icon } from '../common/Icon';
import { ApprovalList } from './ApprovalList';
import { CommandBlock } from './CommandBlock';

/** What a step asks for, read-only: for steps that cannot be acted on now, or by this role. */
export function StepDetails({ step, titleOf }: { step: RunStepView; titleOf: (id: string) => string }) {
  const d = step.definition;
  switch (d.kind) {
    case 'checklist':
      return (
        <ul className="run-readonly-list" aria-label="Checklist">
          {(d.items ?? []).map((item, i) => (
            <li key={i} className={step.ticked.includes(i) ? 'is-ticked' : undefined}>
              <Icon name={step.ticked.includes(i) ? 'check' : 'chevronRight'} size={12} />
              <span>{item}{step.ticked.includes(i) && <span className="visually-hidden"> (ticked)</span>}</span>
            </li>
          ))}
        </ul>
      );
    case 'decision':
      return (
        <div className="small">
          {d.question && <p>{d.question}</p>}
          <ul className="run-readonly-list">
            {(d.answers ?? []).map((a) => (
              <li key={a.value} className={step.answer === a.value ? 'is-ticked' : undefined}>
                <Icon name={step.answer === a.value ? 'check' : 'chevronRight'} size={12} />
                <span>
                  {a.label}
                  {a.goto?.length ? <span className="muted"> → {a.goto.map(titleOf).join('; ')}</span> : null}
                  {a.repeatFrom ? <span className="muted"> → back to {titleOf(a.repeatFrom)}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </div>
      );
    case 'command':
      return <CommandBlock step={step} />;
    case 'approval':
      return <ApprovalList step={step} />;
    case 'evidence':
      return d.attach ? <p className="small"><strong>Attach:</strong> {d.attach} (at least {d.minFiles ?? 1})</p> : null;
    case 'timer':
      return (
        <p className="small muted">
          {d.action === 'start' ? 'Starts' : 'Stops'} the clock <span className="mono">{d.clock}</span>
          {d.deadline && <> · deadline {d.deadline}</>}
          {d.remindEvery && <> · reminder every {d.remindEvery}</>}
        </p>
      );
    case 'input':
      return <p className="small muted">Asks for: {humanize(d.type ?? 'text')}</p>;
    default:
      return null;
  }
}
