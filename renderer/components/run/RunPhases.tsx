import type { PhaseTime } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatDuration } from '../../lib/formatDuration';

const SCHEMES = [['csf', 'NIST CSF 2.0'], ['picerl', 'SANS PICERL']] as const;

/** Time spent per phase, in both schemes: the response metrics the lessons-learned review reads. */
export function RunPhases({ phases }: { phases: PhaseTime[] }) {
  if (phases.length === 0) return null;
  return (
    <div className="run-phases">
      {SCHEMES.map(([scheme, label]) => {
        const rows = phases.filter((p) => p.scheme === scheme);
        if (rows.length === 0) return null;
        return (
          <table key={scheme} className="mini-table">
            <caption className="section-label">{label}</caption>
            <thead>
              <tr><th scope="col">Phase</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col" className="num">Time</th></tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={`${p.name}-${p.startedAt}`}>
                  <td>{p.name}</td>
                  <td className="nowrap"><time dateTime={p.startedAt}>{formatDateTime(p.startedAt)}</time></td>
                  <td className="nowrap">{p.endedAt ? <time dateTime={p.endedAt}>{formatDateTime(p.endedAt)}</time> : <span className="muted">ongoing</span>}</td>
                  <td className="num">{formatDuration(p.seconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
