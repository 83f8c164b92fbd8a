import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DurationMetric } from '../../../contract';
import { formatSpan } from '../../lib/formatSpan';
import { ChartCard } from './ChartCard';
import { SERIES } from './chartColors';

const LINES = ['timeToDetect', 'timeToTriage', 'timeToContain', 'timeToRecover'] as const;
const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);
/** The tooltip says how many incidents a median rests on: a median of one is one incident's time. */
const tip = (v: unknown, name: unknown, item: { payload?: Record<string, unknown> }): [string, string] => {
  const n = item.payload?.[`n ${String(name)}`];
  return [`${formatSpan(typeof v === 'number' ? v * 3600 : null)}${typeof n === 'number' ? ` (n = ${n})` : ''}`, String(name)];
};

/** Median durations per month of detection (a month with no incident measured is a gap, not a zero). */
export function DurationsByMonth({ durations }: { durations: DurationMetric[] }) {
  const metrics = LINES.map((id) => durations.find((d) => d.id === id)).filter((d): d is DurationMetric => d !== undefined);
  const months = metrics[0]?.byMonth.map((g) => g.key) ?? [];
  const data = months.map((month, i) => {
    const row: Record<string, string | number | null> = { month };
    for (const m of metrics) {
      row[m.label] = hours(m.byMonth[i]!.stats.median);
      row[`n ${m.label}`] = m.byMonth[i]!.stats.n;
    }
    return row;
  });
  const measured = metrics.some((m) => m.overall.n > 0);
  return (
    <ChartCard
      id="durations-by-month"
      title="Median response times by month"
      caption="Median of the incidents detected in each month, in hours; a gap is a month with no incident measured. Exact figures with n and coverage: firebreak kpi --csv."
      empty={measured ? null : 'No incident in this period has the times to measure. Record start, triage, containment and recovery times on the incidents (each edit is logged).'}
    >
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={SERIES.grid} strokeOpacity={0.25} vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} unit=" h" width={56} />
          <Tooltip formatter={tip} />
          <Legend />
          {metrics.map((m) => (
            <Line key={m.id} type="monotone" dataKey={m.label} stroke={SERIES[m.id as keyof typeof SERIES]} strokeWidth={2} dot={{ r: 3 }} connectNulls={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Median time to contain and to recover by the highest severity the incidents reached. */
export function DurationsBySeverity({ durations }: { durations: DurationMetric[] }) {
  const contain = durations.find((d) => d.id === 'timeToContain');
  const recover = durations.find((d) => d.id === 'timeToRecover');
  if (!contain || !recover) return null;
  const data = contain.bySeverity.map((g, i) => ({
    severity: g.key, 'Time to contain': hours(g.stats.median), 'Time to recover': hours(recover.bySeverity[i]!.stats.median),
    'n Time to contain': g.stats.n, 'n Time to recover': recover.bySeverity[i]!.stats.n,
  }));
  const measured = contain.overall.n + recover.overall.n > 0;
  return (
    <ChartCard
      id="durations-by-severity"
      title="Median time to contain and recover by severity"
      caption={`Grouped by the highest severity each incident reached. n (contain/recover): ${data.map((d) => `${d.severity} ${d['n Time to contain']}/${d['n Time to recover']}`).join(', ')}.`}
      empty={measured ? null : 'No incident in this period was contained or recovered with its times recorded.'}
    >
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={SERIES.grid} strokeOpacity={0.25} vertical={false} />
          <XAxis dataKey="severity" tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} unit=" h" width={56} />
          <Tooltip formatter={tip} />
          <Legend />
          <Bar dataKey="Time to contain" fill={SERIES.timeToContain} isAnimationActive={false} />
          <Bar dataKey="Time to recover" fill={SERIES.timeToRecover} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
