import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NotificationKpis } from '../../../contract';
import { ChartCard } from './ChartCard';
import { SERIES } from './chartColors';

/**
 * Notices due or sent per month of detection, as counts: on time and not (late or never sent).
 * Counts, not a percentage, so a month at 0% shows its red bar instead of looking empty.
 */
export function NotificationChart({ n }: { n: NotificationKpis }) {
  const data = n.byMonth.map((g) => ({ month: g.key, 'On time': g.onTime, 'Late or not sent': g.due - g.onTime }));
  return (
    <ChartCard
      id="notifications"
      title="Notifications: on time and late"
      caption={`Notices due or sent, by the month the incident was detected: green went out by the deadline, red went out late or not at all (${n.sentLate} late, ${n.unsentPastDue} not sent). Notices without a fixed deadline (${n.sentWithoutDeadline} sent) are not counted.`}
      empty={n.due === 0 ? (n.assessedIncidents === 0 ? 'No incident in this period has breach facts recorded, so no notice was due. Record the facts on an incident to assess who must be told.' : 'No notice with a fixed deadline was due or sent in this period.') : null}
    >
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={SERIES.grid} strokeOpacity={0.25} vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} allowDecimals={false} width={40} />
          <Tooltip />
          <Legend />
          <Bar dataKey="On time" stackId="n" fill={SERIES.ok} isAnimationActive={false} />
          <Bar dataKey="Late or not sent" stackId="n" fill={SERIES.failed} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
