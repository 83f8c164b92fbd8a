import { useEffect, useRef } from 'react';
import { FINISHED_STATES } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { formatDateTime } from '../../lib/formatDateTime';
import { hrefFor } from '../../lib/routes';
import { ErrorBanner } from '../common/ErrorBanner';
import { Spinner } from '../common/Spinner';
import { StartRunbookList } from './StartRunbookList';

/** The incident's runs (each opens the run view) and, for those who may run them, the runbooks to start. */
export function RunbooksPanel({ incidentRef }: { incidentRef: string }) {
  const client = useClient();
  const canRun = useCan('runbook:run');
  const runs = useApiResource(() => client.call('runs.list', { ref: incidentRef }), [client, incidentRef]);
  const suggestions = useApiResource(
    () => (canRun ? client.call('runbooks.suggest', { ref: incidentRef }) : Promise.resolve({ ok: true as const, value: [] })),
    [client, incidentRef, canRun],
  );

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (event.incidentRef !== incidentRef || !event.type.startsWith('runbook.')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void runs.reload();
      void suggestions.reload();
    }, 150);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const list = runs.data ?? [];
  return (
    <section className="card" aria-labelledby="runbooks-title">
      <div className="card-header">
        <h2 id="runbooks-title">Runbooks</h2>
        <span className="muted small">{list.length} {list.length === 1 ? 'run' : 'runs'}</span>
      </div>
      <div className="card-body">
        {runs.error && <ErrorBanner>{runs.error.message}</ErrorBanner>}
        {!runs.data && runs.loading && <Spinner label="Loading runs" />}
        {runs.data && list.length === 0 && <p className="muted small">No runbook has been started on this incident.</p>}
        {list.length > 0 && (
          <ul className="run-list" aria-label="Runs">
            {list.map((run) => {
              const finished = run.steps.filter((s) => FINISHED_STATES.includes(s.state)).length;
              return (
                <li key={run.id}>
                  <a href={hrefFor({ name: 'run', ref: incidentRef, runId: run.id })}>{run.title}</a>
                  <span className="muted small"> v{run.version}</span>
                  <div className="muted small">
                    {run.completedAt ? <span className="badge badge-ok">Complete</span> : <span className="badge role">In progress</span>}{' '}
                    {finished} of {run.steps.length} steps · started by {run.startedBy}, <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time>
                    {!run.completedAt && run.currentPhase && <> · now in {run.currentPhase.csf} / {run.currentPhase.picerl}</>}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {canRun && suggestions.error && <ErrorBanner>{suggestions.error.message}</ErrorBanner>}
        {canRun && suggestions.data && <StartRunbookList incidentRef={incidentRef} suggestions={suggestions.data} />}
      </div>
    </section>
  );
}
