import type { RunStepView } from '../../../contract';
import { showValue } from '../../lib/describeEvent';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatDuration } from '../../lib/formatDuration';
import { withStepTitles } from '../../lib/withStepTitles';

function valueText(step: RunStepView): string | null {
  const d = step.definition;
  if (step.answer !== null) return d.answers?.find((a) => a.value === step.answer)?.label ?? step.answer;
  if (step.redacted) return 'hidden: personal data';
  if (step.personalData === 'erased') return 'personal data erased';
  if (step.personalData === 'withheld') return 'personal data sealed: the key is not open in this session';
  if (step.value === null) return null;
  if (typeof step.value === 'boolean') return step.value ? 'Yes' : 'No';
  return showValue(step.value);
}

/** One line on where the step stands: what it waits for, or who finished it, when, and with what. */
export function StepOutcome({
  step, titleOf, evidenceName,
}: { step: RunStepView; titleOf: (id: string) => string | undefined; evidenceName: (id: string) => string }) {
  const readable = (text: string): string => withStepTitles(text, titleOf);
  const when = step.finishedAt ? <time dateTime={step.finishedAt}>{formatDateTime(step.finishedAt)}</time> : null;
  switch (step.state) {
    case 'pending':
      return step.blockedBy.length ? (
        <p className="run-outcome muted small">Pending: {step.blockedBy.map(readable).join('; ')}</p>
      ) : null;
    case 'available':
      return step.availableAt ? (
        <p className="run-outcome muted small">Available since <time dateTime={step.availableAt}>{formatDateTime(step.availableAt)}</time></p>
      ) : null;
    case 'done': {
      const value = valueText(step);
      return (
        <p className="run-outcome small" data-testid="step-outcome">
          {step.approvals.length > 0
            ? <>Approved by <strong>{step.approvals.map((a) => a.by).join(' and ')}</strong></>
            : <>Done by <strong>{step.finishedBy ?? '?'}</strong></>}
          {when && <> · {when}</>}
          {step.seconds > 0 && <span className="muted"> · {formatDuration(step.seconds)} in step</span>}
          {value !== null && <> · <span className="run-value">{value}</span></>}
          {step.evidence.length > 0 && <> · attached {step.evidence.map(evidenceName).join(', ')}</>}
        </p>
      );
    }
    case 'skipped':
      return (
        <p className="run-outcome small" data-testid="step-outcome">
          Skipped by <strong>{step.finishedBy ?? '?'}</strong>{when && <> · {when}</>}
          {step.reason && <> · Reason: {readable(step.reason)}</>}
        </p>
      );
    case 'not-applicable':
    case 'not-taken':
      return (
        <p className="run-outcome muted small" data-testid="step-outcome">
          {step.state === 'not-taken' ? 'Not taken' : 'Not applicable'}
          {step.reason && <>: {readable(step.reason)}</>}
          {/* Decided by the engine, not by the person whose action it followed from. */}
          {step.cause && <> · by <strong>{step.finishedBy ?? 'system'}</strong>{when && <> · {when}</>}, after <strong>{step.cause.by}</strong> {readable(step.cause.text)}</>}
        </p>
      );
  }
}
