import { Bar, CartesianGrid, Cell, ComposedChart, LabelList, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DrillKpis } from '../../../contract';
import { formatSpan } from '../../lib/formatSpan';
import { ChartCard } from './ChartCard';
import { SERIES } from './chartColors';

/** More distinct RTOs than this: one stepped line instead of a reference line each. */
const MAX_RTO_LINES = 3;

/** The axis unit that keeps the largest value (a restore or an RTO) readable: seconds, minutes or hours. */
function unitFor(maxSeconds: number): { label: string; per: number } {
  if (maxSeconds < 120) return { label: 's', per: 1 };
  if (maxSeconds < 7200) return { label: 'min', per: 60 };
  return { label: 'h', per: 3600 };
}

/**
 * Each drill's restore time with the RTO it was measured against, oldest first. A restore of a
 * fifth of a second against an RTO of a minute must still show: each bar has a minimum height and
 * its measured time written on it, and the RTO is a dashed line across the whole chart (one per
 * RTO in use), not a point per drill that one drill reduces to a dot.
 */
export function DrillChart({ d }: { d: DrillKpis }) {
  const rtos = [...new Set(d.points.map((p) => p.rtoSeconds).filter((x): x is number => x !== null))].sort((a, b) => a - b);
  const maxSeconds = d.points.reduce((m, p) => Math.max(m, p.restoreSeconds ?? 0, p.rtoSeconds ?? 0), 0);
  const unit = unitFor(maxSeconds);
  const inUnit = (s: number | null) => (s === null ? null : s / unit.per);
  const data = d.points.map((p) => ({
    when: `${p.at.slice(0, 10)} ${p.plan}`,
    Restore: inUnit(p.restoreSeconds),
    RTO: inUnit(p.rtoSeconds),
    label: p.restoreSeconds === null ? 'failed' : formatSpan(p.restoreSeconds),
    late: !p.ok || p.withinRto === false,
  }));
  const plansWith = (rto: number) => [...new Set(d.points.filter((p) => p.rtoSeconds === rto).map((p) => p.plan))].join(', ');
  return (
    <ChartCard
      id="drills"
      title="Drill restore time against the RTO"
      caption={`Restore time of each drill in ${unit.label === 's' ? 'seconds' : unit.label === 'min' ? 'minutes' : 'hours'} (written on the bar; red: over the RTO or failed); the dashed line is the plan's RTO. ${d.withinRto} within the RTO, ${d.overRto} over it or failed. All plans: the incident filters do not apply to drills.`}
      empty={d.points.length === 0 ? 'No restore drill in this period. Run one on Backups (Drill): it restores into a scratch folder and times it against the RTO.' : null}
    >
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={SERIES.grid} strokeOpacity={0.25} vertical={false} />
          <XAxis dataKey="when" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 12 }} unit={` ${unit.label}`} width={64} />
          <Tooltip formatter={(v) => formatSpan(typeof v === 'number' ? v * unit.per : null)} />
          <Bar dataKey="Restore" fill={SERIES.bar} minPointSize={3} isAnimationActive={false}>
            {data.map((p, i) => <Cell key={i} fill={p.late ? SERIES.failed : SERIES.bar} />)}
            <LabelList dataKey="label" position="top" fontSize={11} />
          </Bar>
          {rtos.length <= MAX_RTO_LINES
            ? rtos.map((rto) => (
              <ReferenceLine
                key={rto} y={rto / unit.per} stroke={SERIES.rto} strokeDasharray="4 3" ifOverflow="extendDomain"
                label={{ value: `RTO ${formatSpan(rto)} (${plansWith(rto)})`, position: 'insideTopRight', fontSize: 11, fill: SERIES.rto }}
              />
            ))
            : <Line dataKey="RTO" type="stepAfter" stroke={SERIES.rto} strokeDasharray="4 3" isAnimationActive={false} />}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
