import type { BackupCheckRecord } from '../../../contract';
import { drillTrend } from '../../lib/drillTrend';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatMinutes } from '../../lib/formatMinutes';
import { formatSeconds } from '../../lib/formatSeconds';

const WIDTH = 360;
const HEIGHT = 96;

/**
 * Restore times of a plan's drills as bars, oldest on the left, with the RTO as a dashed line when
 * it fits the scale. Inline SVG with geometry attributes and classes only (no style attribute:
 * `style-src 'self'`). Built from the plan's drill records (backups.checks), never from a
 * backup's latest check: a full or quick check after a drill is a record of its own and leaves
 * the drill's bar in place. A drill of a backup pruned since stays, and says so.
 */
export function DrillTrend({ plan, checks, rtoMinutes }: { plan: string; checks: BackupCheckRecord[]; rtoMinutes: number | null }) {
  const trend = drillTrend(checks, rtoMinutes === null ? null : rtoMinutes * 60, WIDTH, HEIGHT);
  const n = trend.bars.length;
  if (n === 0) {
    return <p className="muted small drill-trend-empty">No drills yet. A drill restores a backup into a scratch directory and times it against the RTO.</p>;
  }
  const pruned = new Set(checks.filter((c) => c.backupPruned).map((c) => `${c.backupId}@${c.at}`));
  const latest = trend.bars[n - 1];
  const slowest = Math.max(...trend.bars.map((b) => b.seconds));
  const label = `Drill restore times of ${plan}: ${n} ${n === 1 ? 'drill' : 'drills'}, latest ${formatSeconds(latest?.seconds ?? 0)}, slowest ${formatSeconds(slowest)}`
    + (rtoMinutes === null ? ', no RTO set' : `, RTO ${formatMinutes(rtoMinutes)}`);
  return (
    <figure className="drill-trend">
      <svg role="img" aria-label={label} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} data-testid="drill-trend">
        <line className="drill-axis" x1={0} x2={WIDTH} y1={trend.baseY} y2={trend.baseY} />
        {trend.rtoY !== null && <line className="drill-rto" x1={0} x2={WIDTH} y1={trend.rtoY} y2={trend.rtoY} />}
        {trend.bars.map((b) => (
          <rect key={b.key} className={b.ok ? 'drill-bar' : 'drill-bar is-failed'} x={b.x} y={b.y} width={b.width} height={b.height} rx={1.5}>
            <title>{`${formatSeconds(b.seconds)} — ${b.backupId}${pruned.has(b.key) ? ' (pruned since)' : ''}, ${formatDateTime(b.at)}${b.ok ? '' : ' (failed)'}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="muted small">
        Restore time per drill, oldest first; scale up to {formatSeconds(trend.scaleSeconds)}.{' '}
        {rtoMinutes === null
          ? 'No RTO set for this plan.'
          : trend.rtoOffChart
            ? `The RTO (${formatMinutes(rtoMinutes)}) is far above every drill.`
            : `Dashed line: the RTO (${formatMinutes(rtoMinutes)}).`}
        {trend.bars.some((b) => !b.ok) && ' Red: a failed drill.'}
      </figcaption>
    </figure>
  );
}
