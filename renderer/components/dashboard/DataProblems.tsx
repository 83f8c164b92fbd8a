import { dataProblemEffect, type DataProblem } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { hrefFor } from '../../lib/routes';

/** Incidents whose times cannot be right, each with a link to correct them and what it does to the figures: a duration it spoils is left out, never negative. */
export function DataProblems({ problems, total }: { problems: DataProblem[]; total: number }) {
  if (total === 0) return null;
  return (
    <section className="card kpi-problems" aria-labelledby="kpi-problems-title">
      <div className="card-header">
        <h2 id="kpi-problems-title" className="card-title">Data problems ({total})</h2>
      </div>
      <div className="card-body">
        <p className="muted small">These incidents have times in impossible order, kept by an override. A duration measured across such a pair is left out for that incident (it lowers coverage); each line says which, if any. Open an incident to correct its times.{total > problems.length ? ` The first ${problems.length} are listed.` : ''}</p>
        <ul className="kpi-problem-list">
          {problems.map((p, i) => (
            <li key={`${p.ref}-${i}`} data-ref={p.ref}>
              <a href={hrefFor({ name: 'incident', ref: p.ref })} className="mono">{p.ref}</a> {p.title}:{' '}
              {p.kind === 'time-order'
                ? p.pairs.map((x) => `${x.later} (${formatDateTime(x.laterAt)}) is before ${x.earlier} (${formatDateTime(x.earlierAt)})`).join('; ')
                : `left ${p.phase} at ${p.leftAt === 'unknown' ? 'an unknown time' : formatDateTime(p.leftAt)}, before it entered it (${formatDateTime(p.enteredAt)})`}
              {p.reason && <span className="muted"> — override: “{p.reason}”</span>}
              {' '}<span className="kpi-problem-effect" data-testid="problem-effect">({dataProblemEffect(p)})</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
