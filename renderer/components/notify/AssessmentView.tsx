import type { Assessment, RegimeAssessment, StageDeadline } from '../../../contract';
import { ErrorBanner } from '../common/ErrorBanner';
import { FACT_LABEL } from '../../lib/factFields';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatDuration } from '../../lib/formatDuration';
import { formatInJurisdiction, formatTimeLeft } from '../../lib/formatDeadline';

const AUDIENCE: Record<string, string> = { authority: 'Regulator', individuals: 'Affected people', media: 'Media', board: 'Board', other: 'Other' };
const OUTCOME: Record<RegimeAssessment['outcome'], string> = { notify: 'Notify', undetermined: 'May apply', exempt: 'Exempt', 'not-required': 'Not required', 'out-of-scope': 'Does not apply' };

const decidedNotRequired = (r: RegimeAssessment) => r.decision?.decision === 'not-required';

/** "Sent ✓ 14 Mar 2026, 10:00 CET — 2 d 1 h before the deadline" / "Sent late … — late by 3 h 05 min": what met the stage. */
function SentCell({ stage, timeZone }: { stage: StageDeadline; timeZone: string }) {
  const met = stage.met;
  if (!met) return null;
  const margin = met.marginMs === null ? null : Math.round(met.marginMs / 1000);
  return (
    <span data-testid="sent">
      {/* A check mark only for a notice that met its deadline: a late one was sent, not done right. */}
      {margin !== null && margin < 0 ? <span className="badge badge-failed">Sent late</span> : <span className="badge badge-ok">Sent ✓</span>}{' '}
      <time dateTime={met.sentAt}>{formatInJurisdiction(met.sentAt, timeZone)}</time>
      {margin !== null && <> — {margin >= 0 ? `${formatDuration(margin)} before the deadline` : <strong className="text-danger">late by {formatDuration(-margin)}</strong>}</>}
      <br /><span className="muted small">via {met.channel} to {met.recipient}, recorded by {met.sentBy}</span>
    </span>
  );
}

/**
 * The assessment: obligations with their deadlines first (soonest first; a stage met by a sent
 * notice says so, with its margin), what is missing, then what was decided not required (by whom,
 * why), what does not apply and why. `onDecide` is offered to those who may record decisions.
 */
export function AssessmentView({ assessment, now, onDraft, onDecide, factsRecorded = true }: {
  assessment: Assessment;
  now: number;
  /** False while the incident has no breach facts: a list of regimes that only may apply is then folded away. */
  factsRecorded?: boolean;
  onDraft?: (regimeId: string) => void;
  onDecide?: (regime: RegimeAssessment, decision: 'not-required' | 'required') => void;
}) {
  const open = assessment.regimes.filter((r) => (r.outcome === 'notify' || r.outcome === 'undetermined') && !decidedNotRequired(r));
  const decided = assessment.regimes.filter(decidedNotRequired);
  const closed = assessment.regimes.filter((r) => r.outcome !== 'notify' && r.outcome !== 'undetermined' && !decidedNotRequired(r));
  // Collapsed only while nothing in it can be pressing: no facts, nothing owed for sure, no clock running, nothing sent.
  const collapsed = !factsRecorded && open.every((r) => r.outcome === 'undetermined' && r.stages.every((st) => st.due === null && st.met === null));
  const table = (
    <table className="data-table obligations" aria-label="Notification obligations">
      <thead>
        <tr><th scope="col">Regime</th><th scope="col">Who</th><th scope="col">Report</th><th scope="col">Deadline</th><th scope="col">Time left</th></tr>
      </thead>
      <tbody>
        {open.flatMap((r) => (r.stages.length > 0 ? r.stages : [null]).map((s, i) => {
          // A met stage has no time left: it shows the notice that met it instead.
          const left = s?.due && !s.met ? formatTimeLeft(s.due, now) : null;
          return (
            <tr key={`${r.regime.id}-${s?.id ?? 'none'}`} data-regime={r.regime.id} data-stage={s?.id ?? ''} className={left?.overdue && !s?.met ? 'is-overdue' : s?.met ? 'is-met' : undefined}>
              {i === 0 && (
                <th scope="row" rowSpan={Math.max(1, r.stages.length)}>
                  {/* Once every report is sent, the red "Notify" would read as still to do. */}
                  {r.open
                    ? <span className={`badge ${r.outcome === 'notify' ? 'badge-failed' : 'badge-muted'}`}>{OUTCOME[r.outcome]}</span>
                    : <span className="badge badge-ok" title="Every report of this regime is recorded as sent">Notified</span>}{' '}
                  <span title={r.regime.title}>{r.regime.name}</span>
                  <details className="why"><summary>Why</summary><p className="small">{r.why}</p><p className="small muted">Rules reviewed {r.regime.reviewedOn}.</p></details>
                  {r.conflicts.map((c, k) => (
                    <details key={k} className="small conflict" data-testid="conflict">
                      <summary>Sources disagree: the conservative reading is used</summary>
                      <p>{c.text}</p>
                      <p><em>Deadline shown: {c.conservative}</em></p>
                    </details>
                  ))}
                  {r.decision?.decision === 'required' && (
                    <p className="small muted" data-testid="decision">Not-required decision withdrawn by {r.decision.by}: {r.decision.reason}</p>
                  )}
                  <div className="row-actions">
                    {onDraft && r.open && (
                      <button type="button" className="btn btn-secondary btn-sm" onClick={() => onDraft(r.regime.id)} aria-label={`Draft the ${r.regime.name} notice`}>
                        Draft notice
                      </button>
                    )}
                    {onDecide && r.open && (
                      <button type="button" className="btn btn-ghost btn-sm" onClick={() => onDecide(r, 'not-required')} aria-label={`Decide the ${r.regime.name} notice is not required`}>
                        Not required…
                      </button>
                    )}
                  </div>
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
              <td data-testid="time-left">
                {s?.met ? <SentCell stage={s} timeZone={r.regime.jurisdiction.timeZone} /> : left ? <span className={left.overdue ? 'badge badge-failed' : undefined}>{left.text}</span> : '—'}
              </td>
            </tr>
              );
            }))}
          </tbody>
        </table>
  );
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
      ) : collapsed ? (
        // With no facts recorded every regime "may apply": dozens of rows and buttons a keyboard
        // user would Tab through before reaching anything else. One control opens them.
        <details className="may-apply" data-testid="may-apply">
          <summary>{open.length} {open.length === 1 ? 'regime may apply' : 'regimes may apply'}: no breach facts recorded yet, and no deadline is running. Show them</summary>
          <p className="muted small">Record the breach facts (Breach facts…) to see which must be notified and by when.</p>
          {table}
        </details>
      ) : table}
      {decided.length > 0 && (
        <section className="decided" aria-label="Decided not required" data-testid="decided">
          <h3 className="small">Decided not required ({decided.length})</h3>
          <ul className="plain-list small">
            {decided.map((r) => (
              <li key={r.regime.id} data-regime={r.regime.id}>
                <strong>{r.regime.name}</strong> ({OUTCOME[r.outcome].toLowerCase()} on the facts) — decided not required by {r.decision?.by}, {r.decision ? formatDateTime(r.decision.at) : ''}: <em>{r.decision?.reason}</em>
                {onDecide && (
                  <> <button type="button" className="btn btn-ghost btn-sm" onClick={() => onDecide(r, 'required')} aria-label={`Withdraw the decision on ${r.regime.name}`}>Withdraw…</button></>
                )}
              </li>
            ))}
          </ul>
        </section>
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
