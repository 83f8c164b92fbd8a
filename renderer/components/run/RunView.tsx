import { useEffect, useMemo, useRef, useState } from 'react';
import { FINISHED_STATES, type Evidence } from '../../../contract';
import { usePush } from '../../hooks/usePush';
import { useRun } from '../../hooks/useRun';
import { useCan } from '../../hooks/useSession';
import { describeError } from '../../lib/describeError';
import { formatDateTime } from '../../lib/formatDateTime';
import { hrefFor } from '../../lib/routes';
import { shortHash } from '../../lib/shortHash';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { RunClocks } from './RunClocks';
import { RunHistory } from './RunHistory';
import { RunPhases } from './RunPhases';
import { AskReasonDialog } from '../common/AskReasonDialog';
import { RunStepCard, type StepContext } from './RunStepCard';

/**
 * A guided run on the incident page: its pinned runbook, clocks, every step with the control its
 * kind needs, time per phase and the history. Anything appended to the incident's timeline (by
 * anyone) reloads it, so people working the same run see each other's steps.
 */
export function RunView({
  runId, incidentRef, exercise, evidence, onEvidenceAdded,
}: { runId: string; incidentRef: string; exercise: boolean; evidence: Evidence[]; onEvidenceAdded: () => void }) {
  const controls = useRun(runId);
  const canRun = useCan('runbook:run');
  const canApprove = useCan('runbook:approve');
  const [undoing, setUndoing] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const { run, error, reload } = controls;

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (event.incidentRef !== incidentRef) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void reload(), 150);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const titles = useMemo(() => new Map(run?.steps.map((s) => [s.definition.id, s.definition.title]) ?? []), [run]);
  const names = useMemo(() => new Map(evidence.map((e) => [e.id, e.name])), [evidence]);

  if (!run) {
    return error ? (
      <EmptyState icon="alert" title={error.code === 'NOT_FOUND' ? 'No such run' : 'Could not load the run'}
        action={<a className="btn btn-secondary" href={hrefFor({ name: 'incident', ref: incidentRef })}>Back to the incident</a>}>
        {describeError(error)}
      </EmptyState>
    ) : (
      <div className="page-center"><Spinner label="Loading run" /></div>
    );
  }

  if (run.incidentRef !== incidentRef) {
    return (
      <EmptyState icon="alert" title={`This run belongs to ${run.incidentRef}`}
        action={<a className="btn btn-secondary" href={hrefFor({ name: 'run', ref: run.incidentRef, runId })}>Open it there</a>} />
    );
  }

  const finished = run.steps.filter((s) => FINISHED_STATES.includes(s.state)).length;
  const ctx: StepContext = {
    controls, canRun, canApprove, incidentRef, evidence, onEvidenceAdded,
    titleOf: (id) => titles.get(id) ?? id,
    knownTitle: (id) => titles.get(id),
    evidenceName: (id) => names.get(id) ?? shortHash(id, 8, 4),
    // The finished step's controls disappear with the answer; keep the keyboard where the work is.
    onFinished: () => requestAnimationFrame(() => list.current?.querySelector<HTMLElement>('article[data-state="available"]')?.focus()),
  };

  return (
    <>
      <section className="card run-view" aria-labelledby="run-title">
        <div className="card-header">
          <div className="run-title-block">
            <a className="btn-link small" href={hrefFor({ name: 'incident', ref: incidentRef })}>
              <Icon name="arrowLeft" size={12} /> Runbooks of {incidentRef}
            </a>
            <h2 id="run-title">{exercise && <><ExerciseBadge /> </>}{run.title}</h2>
          </div>
          <div className="button-row">
            {run.completedAt ? <span className="badge badge-ok" data-testid="run-status">Complete</span> : <span className="badge role" data-testid="run-status">In progress</span>}
            {canRun && run.undoable && (
              <button type="button" className="btn btn-secondary btn-sm" onClick={() => setUndoing(true)} disabled={controls.busy}>
                <Icon name="undo" size={14} />
                Undo…
              </button>
            )}
          </div>
        </div>
        <div className="card-body run-summary">
          {run.newerVersion && (
            <ErrorBanner tone="info">
              A newer version {run.newerVersion.version} of this runbook exists; this run keeps version {run.version}.
            </ErrorBanner>
          )}
          {run.completedAt && (
            <ErrorBanner tone="success">
              Run complete: every step finished, <time dateTime={run.completedAt}>{formatDateTime(run.completedAt)}</time>.
            </ErrorBanner>
          )}
          {error && <ErrorBanner>Could not refresh the run: {describeError(error)}</ErrorBanner>}
          <dl className="meta-row">
            <div><dt>Runbook</dt><dd><span className="mono">{run.runbookId}</span> v{run.version} ({run.source})</dd></div>
            <div><dt>Pinned SHA-256</dt><dd><code title={run.contentHash}>{shortHash(run.contentHash)}</code></dd></div>
            <div><dt>Started</dt><dd>{run.startedBy} · <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time></dd></div>
            <div><dt>Progress</dt><dd data-testid="run-progress">{finished} of {run.steps.length} steps finished</dd></div>
            {run.currentPhase && (
              <div><dt>Current phase</dt><dd data-testid="run-phase">{run.currentPhase.csf} · {run.currentPhase.picerl}</dd></div>
            )}
          </dl>
          <RunClocks clocks={run.clocks} />
        </div>
      </section>

      <section className="card" aria-labelledby="run-steps-title">
        <div className="card-header">
          <h2 id="run-steps-title">Steps</h2>
          <span className="muted small">{finished} of {run.steps.length} finished</span>
        </div>
        <div className="card-body">
          <ol className="run-steps" ref={list} aria-label="Steps">
            {run.steps.map((step, i) => <RunStepCard key={step.definition.id} step={step} index={i} ctx={ctx} />)}
          </ol>
        </div>
      </section>

      <section className="card" aria-labelledby="run-record-title">
        <div className="card-header">
          <h2 id="run-record-title">Time per phase and history</h2>
        </div>
        <div className="card-body run-record">
          <RunPhases phases={run.phases} />
          <h3 className="section-label">History</h3>
          <RunHistory history={run.history} titleOf={(id) => titles.get(id)} />
        </div>
      </section>

      {undoing && run.undoable && (
        <AskReasonDialog
          title="Undo the last step?"
          intro={<>This reverts: <strong>{run.undoable.text}</strong>. The original entry stays in the history and on the timeline, struck through.</>}
          confirmLabel="Undo"
          onCancel={() => setUndoing(false)}
          onConfirm={async (reason) => {
            const refusal = await controls.act({ type: 'undo', reason });
            if (refusal) return describeError(refusal);
            setUndoing(false);
            return null;
          }}
        />
      )}
    </>
  );
}
