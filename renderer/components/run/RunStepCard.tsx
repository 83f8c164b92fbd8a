import { useState } from 'react';
import type { ApiError, Evidence, RunStepView, StepState } from '../../../contract';
import type { RunControls } from '../../hooks/useRun';
import { describeError } from '../../lib/describeError';
import { humanize } from '../../lib/humanize';
import { withStepTitles } from '../../lib/withStepTitles';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { ApprovalControl } from './ApprovalControl';
import { ChecklistControl } from './ChecklistControl';
import { CommandBlock } from './CommandBlock';
import { DecisionControl } from './DecisionControl';
import { DoneButton } from './DoneButton';
import { EvidenceControl } from './EvidenceControl';
import { InputControl } from './InputControl';
import { AskReasonDialog } from '../common/AskReasonDialog';
import { StepDetails } from './StepDetails';
import { StepNotes } from './StepNotes';
import { StepOutcome } from './StepOutcome';
import { TimerControl } from './TimerControl';
import type { SendAction } from './types';

const STATE_LABEL: Record<StepState, string> = {
  pending: 'Pending', available: 'Available', done: 'Done', skipped: 'Skipped', 'not-applicable': 'Not applicable', 'not-taken': 'Not taken',
};

export interface StepContext {
  controls: RunControls;
  canRun: boolean;
  canApprove: boolean;
  incidentRef: string;
  evidence: Evidence[];
  onEvidenceAdded: () => void;
  /** A step's title, or the id itself for one the run does not know. */
  titleOf: (stepId: string) => string;
  /** A step's title, undefined for a word that is not a step id of this run. */
  knownTitle: (stepId: string) => string | undefined;
  evidenceName: (id: string) => string;
  /** Called after this step was done or skipped, to move focus on. */
  onFinished: () => void;
}

/** One step: where it stands, what it asks, the control for its kind, notes, and Skip. */
export function RunStepCard({ step, index, ctx }: { step: RunStepView; index: number; ctx: StepContext }) {
  const d = step.definition;
  const { controls } = ctx;
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [skipping, setSkipping] = useState(false);
  const available = step.state === 'available';
  const actionable = available && (d.kind === 'approval' ? ctx.canApprove : ctx.canRun);
  const open = actionable || expanded;
  const titleId = `run-step-${d.id}-title`;
  const bodyId = `run-step-${d.id}-body`;

  const refusalText = (refusal: ApiError): string => withStepTitles(describeError(refusal), ctx.knownTitle);
  const send: SendAction = async (action) => {
    setError(null);
    const refusal = await controls.act(action);
    if (refusal) {
      setError(refusalText(refusal));
      return false;
    }
    if (action.type === 'done' || action.type === 'skip') ctx.onFinished();
    return true;
  };
  const approve = async (note?: string): Promise<boolean> => {
    setError(null);
    const refusal = await controls.approve(d.id, note);
    if (refusal) {
      setError(refusalText(refusal));
      return false;
    }
    return true;
  };

  const props = { step, busy: controls.busy, send };
  let control = null;
  if (actionable) {
    switch (d.kind) {
      case 'checklist': control = <ChecklistControl {...props} />; break;
      case 'input': control = <InputControl {...props} />; break;
      case 'decision': control = <DecisionControl {...props} titleOf={ctx.titleOf} />; break;
      case 'timer': control = <TimerControl {...props} />; break;
      case 'approval': control = <ApprovalControl step={step} busy={controls.busy} approve={approve} />; break;
      case 'evidence':
        control = <EvidenceControl {...props} incidentRef={ctx.incidentRef} evidence={ctx.evidence} onEvidenceAdded={ctx.onEvidenceAdded} />;
        break;
      case 'command': control = <CommandBlock {...props} />; break;
      default:
        control = (
          <div className="run-control-actions">
            <DoneButton disabled={controls.busy} onClick={() => void send({ type: 'done', step: d.id })} />
          </div>
        );
    }
  }

  return (
    <li className={`run-step run-step-${step.state}`}>
      <article aria-labelledby={titleId} data-step={d.id} data-state={step.state} data-approvals={step.approvals.length} tabIndex={-1}>
        <header className="run-step-head">
          <span className="run-step-number" aria-hidden="true">{step.state === 'done' ? <Icon name="check" size={12} /> : index + 1}</span>
          <div className="run-step-title">
            <h3 id={titleId}>{d.title}</h3>
            <div className="run-step-meta">
              <span className={`badge run-state run-state-${step.state}`} data-testid="step-state">{STATE_LABEL[step.state]}</span>
              <span className="muted small">{humanize(d.kind)} · {d.phase.csf} · {d.phase.picerl}</span>
              {step.pass > 1 && <span className="badge badge-muted">pass {step.pass}</span>}
            </div>
          </div>
          {!actionable && (
            <button type="button" className="btn btn-ghost btn-sm" aria-expanded={expanded} aria-controls={bodyId} onClick={() => setExpanded((x) => !x)}>
              <Icon name={expanded ? 'chevronDown' : 'chevronRight'} size={14} />
              Details<span className="visually-hidden"> of {d.title}</span>
            </button>
          )}
        </header>
        <StepOutcome step={step} titleOf={ctx.knownTitle} evidenceName={ctx.evidenceName} />
        {open && (
          <div className="run-step-body" id={bodyId}>
            {d.instructions && <p className="run-instructions">{d.instructions}</p>}
            {d.kind === 'notify' && (
              <p className="small">Notification <span className="mono">{d.regime}</span> to: {humanize(d.audience ?? 'other')}</p>
            )}
            {control ?? <StepDetails step={step} titleOf={ctx.titleOf} />}
            {error && <ErrorBanner>{error}</ErrorBanner>}
            <StepNotes step={step} busy={controls.busy} send={send} canWrite={ctx.canRun} />
            {available && ctx.canRun && (
              <div className="run-step-foot">
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => setSkipping(true)} disabled={controls.busy}>
                  <Icon name="skip" size={14} />
                  Skip…
                </button>
              </div>
            )}
          </div>
        )}
        {!open && error && <ErrorBanner>{error}</ErrorBanner>}
      </article>
      {skipping && (
        <AskReasonDialog
          title={`Skip “${d.title}”?`}
          intro="A skipped step counts as finished; steps that wait for it go ahead. The reason is recorded on the timeline."
          confirmLabel="Skip step"
          onCancel={() => setSkipping(false)}
          onConfirm={async (reason) => {
            const refusal = await controls.act({ type: 'skip', step: d.id, reason });
            if (refusal) return refusalText(refusal);
            setSkipping(false);
            ctx.onFinished();
            return null;
          }}
        />
      )}
    </li>
  );
}
