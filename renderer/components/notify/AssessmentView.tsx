import type { Assessment, RegimeAssessment } from '../../../contract';
import { ErrorBanner } from '../common/ErrorBanner';
import { FACT_LABEL } from '../../lib/factFields';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatInJurisdiction, formatTimeLeft } from '../../lib/formatDeadline';

const AUDIENCE: Record<string, string> = { authority: 'Regulator', individuals: 'Affected people', media: 'Media', board: 'Board', other: 'Other' };
const OUTCOME: Record<RegimeAssessment['outcome'], string> = { notify: 'Notify', undetermined: 'May apply', exempt: 'Exempt', 'not-required': 'Not required', 'out-of-scope': 'Does not apply' };

/** The assessment: obligations with their deadlines first (soonest first), what is missing, then what does not apply and why. */
export function AssessmentView({ assessment, now, onDraft }: { assessment: Assessment; now: number; onDraft?: (regimeId: string) => void }) {
  const open = assessment.regimes.filter((r) => r.outcome === 'notify' || r.outcome === 'undetermined');
  const closed = assessment.regimes.filter((r) => r.outcome !== 'notify' && r.outcome !== 'undetermined');
  return (
    <div className="assessment">
      {assessment.jurisdictionNotes.length > 0 && (
        <div data-testid="jurisdiction-notes">
          <ErrorBanner tone={assessment.jurisdictionNotes.some((n) => n.stored) ? 'warning' : 'info'}>
            <strong>Jurisdiction codes{assessment.jurisdictionNotes.some((n) => n.stored) ? ' to correct' : ' read as ISO 3166'}:</strong>
            <ul className="code-notes">{assessment.jurisdictionNotes.map((n) => <li key={`${n.field}-${n.given}`}>{n.message}</li>)}</ul>
          </ErrorBanner>
        </div>
      )}
      {assessment.missing.length > 0 && (
        <div className="missing-facts" role="status" data-testid="missing-facts">
          <strong>Missing to decide:</strong>{' '}
          {assessment.missing.map((m, i) => (
            <span key={m.fact}>{i > 0 && ', '}<span title={`Decides ${m.regimes.join(', ')}`}>{FACT_LABEL[m.fact] ?? m.fact}</span></span>
          ))}
        </div>
      )}
      {open.length === 0 ? (
        <p className="muted small">No notification obligation applies on these facts.</p>
      ) : (
        <table className="data-table obligations" aria-label="Notification obligations">
          <thead>
            <tr><th scope="col">Regime</th><th scope="col">Who</th><th scope="col">Report</th><th scope="col">Deadline</th><th scope="col">Time left</th></tr>
          </thead>
          <tbody>
            {open.flatMap((r) => (r.stages.length > 0 ? r.stages : [null]).map((s, i) => {
              const left = s?.due ? formatTimeLeft(s.due, now) : null;
              return (
                <tr key={`${r.regime.id}-${s?.id ?? 'none'}`} data-regime={r.regime.id} data-stage={s?.id ?? ''} className={left?.overdue ? 'is-overdue' : undefined}>
                  {i === 0 && (
                    <th scope="row" rowSpan={Math.max(1, r.stages.length)}>
                      <span className={`badge ${r.outcome === 'notify' ? 'badge-failed' : 'badge-muted'}`}>{OUTCOME[r.outcome]}</span>{' '}
                      <span title={r.regime.title}>{r.regime.name}</span>
                      <details className="why"><summary>Why</summary><p className="small">{r.why}</p><p className="small muted">Rules reviewed {r.regime.reviewedOn}.</p></details>
                      {r.conflicts.map((c, k) => (
                        <details key={k} className="small conflict" data-testid="conflict">
                          <summary>Sources disagree: the conservative reading is used</summary>
                          <p>{c.text}</p>
                          <p><em>Deadline shown: {c.conservative}</em></p>
                        </details>
                      ))}
                      {onDraft && (
                        <button type="button" className="btn btn-secondary btn-sm" onClick={() => onDraft(r.regime.id)} aria-label={`Draft the ${r.regime.name} notice`}>
                          Draft notice
                        </button>
                      )}
                    </th>
                  )}
                  {i === 0 && <td rowSpan={Math.max(1, r.stages.length)}>{AUDIENCE[r.regime.audience] ?? r.regime.audience}<br /><span className="muted small">{r.regime.jurisdiction.name}</span></td>}
                  <td>{s?.title ?? '—'}{s && <><br /><a className="muted small" href={s.source.url} target="_blank" rel="noreferrer">{s.source.cite}</a></>}</td>
                  <td data-testid="due">
                    {s === null ? '—' : s.due ? (
                      <>
                        <time dateTime={s.due}>{formatInJurisdiction(s.due, r.regime.jurisdiction.timeZone)}</time>
                        <br /><span className="muted small">{formatDateTime(s.due)} your time</span>
                      </>
                    ) : s.status === 'asap' ? <span>{s.wording}</span>
                      : s.status === 'unavailable' ? <span className="text-danger">Cannot be computed: {s.problem}</span>
                        : <span className="muted">Waiting for {FACT_LABEL[s.waitingFor ?? ''] ?? s.waitingFor ?? 'a fact'}</span>}
                  </td>
                  <td data-testid="time-left">{left ? <span className={left.overdue ? 'badge badge-failed' : undefined}>{left.text}</span> : '—'}</td>
                </tr>
              );
            }))}
          </tbody>
        </table>
      )}
      {closed.length > 0 && (
        <details className="not-applicable">
          <summary>Not required, exempt or not applicable ({closed.length})</summary>
          <ul className="plain-list small">
            {closed.map((r) => <li key={r.regime.id}><strong>{r.regime.name}</strong> — {OUTCOME[r.outcome]}: {r.why}</li>)}
          </ul>
        </details>
      )}
    </div>
  );
}
