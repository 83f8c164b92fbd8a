import type { KpiResult } from '../../../contract';
import { formatSpan } from '../../lib/formatSpan';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** Time in each phase, runbook steps, security events and action items, as tables (n always shown). */
export function MoreKpis({ result }: { result: KpiResult }) {
  const phases = result.durations.filter((d) => d.kind === 'phase');
  const s = result.security;
  const busiest = (weeks: { week: string; count: number }[]) => weeks.reduce((m, w) => (w.count > m.count ? w : m), { week: '', count: 0 });
  return (
    <div className="kpi-more">
      <section className="card" aria-labelledby="kpi-phases-title">
        <div className="card-header"><h2 id="kpi-phases-title" className="card-title">Time in each phase</h2></div>
        <div className="card-body">
          <table className="data-table" aria-label="Time in each phase">
            <thead><tr><th scope="col">Phase</th><th scope="col">n</th><th scope="col">Coverage</th><th scope="col">Median</th><th scope="col">p90</th><th scope="col">Mean</th></tr></thead>
            <tbody>
              {phases.map((d) => (
                <tr key={d.id} data-metric={d.id}>
                  <td>{d.label.replace('Time in ', '')}</td>
                  <td>{d.overall.n} of {d.overall.inScope}</td>
                  <td className={d.overall.coverage !== null && d.overall.coverage < 1 ? 'kpi-low-coverage' : undefined}>{pct(d.overall.coverage)}{d.overall.missing > 0 ? ` (${d.overall.missing} still in it)` : ''}</td>
                  <td>{formatSpan(d.overall.median)}</td>
                  <td>{formatSpan(d.overall.p90)}</td>
                  <td>{formatSpan(d.overall.mean)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">Workflow time in Firebreak, from the status changes as recorded: a stay starts when the incident moves into the phase (the first when it is recorded) and ends when it moves out; stays after a move back add up. An incident entered after the fact and moved through its phases at once shows seconds here — how long it took to enter, not to handle: its real times are the response times above, from the incident's own timestamps.</p>
        </div>
      </section>
      <section className="card" aria-labelledby="kpi-runbooks-title">
        <div className="card-header"><h2 id="kpi-runbooks-title" className="card-title">Runbook steps</h2></div>
        <div className="card-body">
          {result.runbooks.length === 0 ? (
            <p className="muted">No runbook was run on the incidents of this period. Start one from an incident to time its steps.</p>
          ) : (
            result.runbooks.map((rb) => (
              <table key={rb.runbookId} className="data-table" aria-label={`Runbook ${rb.title}`}>
                <caption className="kpi-caption">{rb.title} — {rb.runs} {rb.runs === 1 ? 'run' : 'runs'}</caption>
                <thead><tr><th scope="col">Step</th><th scope="col">Phase</th><th scope="col">n</th><th scope="col">Median</th><th scope="col">p90</th></tr></thead>
                <tbody>
                  {rb.steps.map((st) => (
                    <tr key={st.stepId}><td>{st.title}</td><td>{st.picerl}</td><td>{st.stats.n}</td><td>{formatSpan(st.stats.median)}</td><td>{formatSpan(st.stats.p90)}</td></tr>
                  ))}
                </tbody>
              </table>
            ))
          )}
        </div>
      </section>
      <section className="card" aria-labelledby="kpi-actions-title">
        <div className="card-header"><h2 id="kpi-actions-title" className="card-title">Action items</h2></div>
        <div className="card-body">
          {result.actionItems ? (
            <p data-testid="kpi-actions">
              {result.actionItems.open} open{result.actionItems.overdue > 0 ? <> — <span className="badge badge-failed">{result.actionItems.overdue} overdue</span></> : ''};{' '}
              {result.actionItems.closedOnTime} done on time, {result.actionItems.closedLate} done late, {result.actionItems.wontDo} won’t do.
            </p>
          ) : (
            <p className="muted">{result.actionItemsNote}</p>
          )}
          <p className="muted small">The action items of the incidents detected in the period; overdue means open past its due time now.</p>
        </div>
      </section>
      <section className="card" aria-labelledby="kpi-security-title">
        <div className="card-header"><h2 id="kpi-security-title" className="card-title">Sign-ins and refusals</h2></div>
        <div className="card-body">
          <p data-testid="kpi-security">{s.failedSignIns} failed {s.failedSignIns === 1 ? 'sign-in' : 'sign-ins'}{s.failedSignIns > 0 ? ` (most in the week of ${busiest(s.failedSignInsByWeek).week}: ${busiest(s.failedSignInsByWeek).count})` : ''}; {s.refusedRequests} {s.refusedRequests === 1 ? 'request' : 'requests'} refused for the role.</p>
          <p className="muted small">{s.note}</p>
          
        </div>
      </section>
    </div>
  );
}
