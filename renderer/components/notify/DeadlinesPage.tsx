import { useEffect, useRef } from 'react';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useNow } from '../../hooks/useNow';
import { usePush } from '../../hooks/usePush';
import { FACT_LABEL } from '../../lib/factFields';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatInJurisdiction, formatTimeLeft } from '../../lib/formatDeadline';
import { hrefFor } from '../../lib/routes';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { ExerciseBadge } from '../common/ExerciseBadge';
import { Spinner } from '../common/Spinner';
import { NotLegalAdvice } from './NotLegalAdvice';

/** Every open notification obligation across incidents (notify.board), soonest first; overdue ones marked. */
export function DeadlinesPage() {
  const client = useClient();
  const board = useApiResource(() => client.call('notify.board', {}), [client]);
  const now = useNow(30_000);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (!event.type.startsWith('notify.') && event.type !== 'incident.updated' && event.type !== 'incident.status_changed') return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void board.reload(), 200);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const rows = board.data ?? [];
  const passed = rows.filter((r) => r.due !== null && Date.parse(r.due) <= now);
  const overdue = passed.length;
  // A drill's passed deadline is counted, and said to be one: a real one must never hide among them, nor a drill pass for real.
  const drills = passed.filter((r) => r.exercise).length;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Notification deadlines</h1>
          <p className="page-sub">Every open obligation to notify a regulator, the people affected, the media or the board, across the incidents being assessed — closed ones too — soonest first. An obligation ends when its notice is recorded as sent or it is decided not required.</p>
        </div>
      </div>
      <NotLegalAdvice />
      {board.error && <ErrorBanner>{board.error.message}</ErrorBanner>}
      {!board.data && board.loading && <Spinner label="Loading deadlines" />}
      {board.data && rows.length === 0 && (
        <EmptyState icon="clock" title="No open notification deadlines">Record the breach facts on an incident to assess who must be told and by when.</EmptyState>
      )}
      {rows.length > 0 && (
        <>
          {overdue > 0 && <ErrorBanner>{overdue} {overdue === 1 ? 'deadline has' : 'deadlines have'} passed{drills > 0 ? ` (${drills === overdue ? (overdue === 1 ? 'an exercise’s' : 'all of them exercises’') : `${drills} of them ${drills === 1 ? 'an exercise’s' : 'exercises’'}`})` : ''}.</ErrorBanner>}
          <table className="data-table obligations" aria-label="Open notification deadlines">
            <thead>
              <tr><th scope="col">Time left</th><th scope="col">Deadline</th><th scope="col">Incident</th><th scope="col">Regime</th><th scope="col">Report</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const left = r.due ? formatTimeLeft(r.due, now) : null;
                return (
                  <tr key={`${r.ref}-${r.regimeId}-${r.stageId}`} data-ref={r.ref} data-regime={r.regimeId} className={left?.overdue ? 'is-overdue' : undefined}>
                    <td data-testid="time-left">{left ? <span className={left.overdue ? 'badge badge-failed' : undefined}>{left.text}</span> : '—'}</td>
                    <td>
                      {r.due ? (
                        <><time dateTime={r.due}>{formatInJurisdiction(r.due, r.jurisdiction.timeZone)}</time><br /><span className="muted small">{formatDateTime(r.due)} your time</span></>
                      ) : r.status === 'asap' ? r.wording : r.status === 'unavailable' ? 'Cannot be computed' : <span className="muted">Waiting for {FACT_LABEL[r.waitingFor ?? ''] ?? r.waitingFor}</span>}
                    </td>
                    <td>
                      <a href={hrefFor({ name: 'incident', ref: r.ref })} className="mono">{r.ref}</a>
                      {r.exercise && <> <ExerciseBadge /></>}
                      {r.incidentStatus === 'closed' && <> <span className="badge badge-closed" title="The incident is closed; this notice is still owed">incident closed</span></>}
                      <br /><span className="small">{r.title}</span>
                    </td>
                    <td>{r.regimeName}{r.outcome === 'undetermined' && <span className="badge badge-muted">may apply</span>}<br /><span className="muted small">{r.jurisdiction.name}</span></td>
                    <td>{r.stageTitle}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
