import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DrillKpis } from '../../../contract';
import { formatSpan } from '../../lib/formatSpan';
import { ChartCard } from './ChartCard';
import { SERIES } from './chartColors';

const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 100) / 100);

/** Each drill's restore time with the RTO it was measured against, oldest first. */
export function DrillChart({ d }: { d: DrillKpis }) {
  const data = d.points.map((p) => ({ when: `${p.at.slice(0, 10)} ${p.plan}`, Restore: minutes(p.restoreSeconds), RTO: minutes(p.rtoSeconds), ok: p.ok }));
  return (
    <ChartCard
      id="drills"
      title="Drill restore time against the RTO"
      caption={`Restore time of each drill in minutes; the line is the plan's RTO. ${d.withinRto} within the RTO, ${d.overRto} over it or failed.`}
      empty={d.points.length === 0 ? 'No restore drill in this period. Run one on Backups (Drill): it restores into a scratch folder and times it against the RTO.' : null}
    >
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={SERIES.grid} strokeOpacity={0.25} vertical={false} />
          <XAxis dataKey="when" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 12 }} unit=" min" width={64} />
          <Tooltip formatter={(v) => formatSpan(typeof v === 'number' ? v * 60 : null)} />
          <Legend />
          <Bar dataKey="Restore" fill={SERIES.bar} isAnimationActive={false} />
          <Line dataKey="RTO" stroke={SERIES.rto} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
