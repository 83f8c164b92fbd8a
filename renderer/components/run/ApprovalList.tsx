import type { RunStepView } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { humanize } from '../../lib/humanize';

/** Who must approve, and who has so far. */
export function ApprovalList({ step }: { step: RunStepView }) {
  const d = step.definition;
  const people = d.people ?? 1;
  return (
    <div className="run-approvals">
      <p className="small">
        Needs {people === 2 ? <strong>2 different people</strong> : <strong>1 person</strong>}
        {d.role ? <> with the role <strong>{humanize(d.role)}</strong></> : null}
        {' · '}
        <span data-testid="approval-count">{step.approvals.length} of {people} approved</span>
      </p>
      {step.approvals.length > 0 && (
        <ul className="run-approval-list" aria-label="Approvals">
          {step.approvals.map((a) => (
            <li key={`${a.by}-${a.at}`}>
              Approved by <strong>{a.by}</strong> · <time dateTime={a.at}>{formatDateTime(a.at)}</time>
              {a.note && <span className="muted"> · {a.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
