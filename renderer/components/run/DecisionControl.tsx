import type { StepControlProps } from './types';

/** One button per answer; where an answer leads (a branch, or a loop back) is said before it is chosen. */
export function DecisionControl({ step, busy, send, titleOf }: StepControlProps & { titleOf: (stepId: string) => string }) {
  const d = step.definition;
  return (
    <div className="run-control">
      {d.question && <p className="run-question" id={`run-${d.id}-question`}>{d.question}</p>}
      <ul className="run-answers" aria-labelledby={d.question ? `run-${d.id}-question` : undefined}>
        {(d.answers ?? []).map((a) => (
          <li key={a.value}>
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void send({ type: 'done', step: d.id, answer: a.value })}>
              {a.label}
            </button>
            {a.goto && a.goto.length > 0 && <span className="muted small">then: {a.goto.map(titleOf).join('; ')}</span>}
            {a.repeatFrom && <span className="muted small">goes back to: {titleOf(a.repeatFrom)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
