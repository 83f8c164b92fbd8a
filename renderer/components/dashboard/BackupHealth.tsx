import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BackupKpis } from '../../../contract';
import { formatPercent, formatSpan } from '../../lib/formatSpan';
import { ChartCard } from './ChartCard';
import { SERIES } from './chartColors';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** Plans added after the period: named, never judged in it. */
function laterPlansText(b: BackupKpis): string | null {
  if (b.laterPlans.length === 0) return null;
  const list = b.laterPlans.map((p) => `${p.plan} (added ${day(p.createdAt)})`).join(', ');
  return `${b.laterPlans.length === 1 ? 'A plan added after this period is' : 'Plans added after this period are'} not judged in it: ${list}.`;
}

/** Each plan's scheduled runs by outcome, and its newest verified backup against the RPO. */
export function BackupHealth({ b, periodStart }: { b: BackupKpis; periodStart: string }) {
  const later = laterPlansText(b);
  const data = b.plans.map((p) => ({ plan: p.plan, Verified: p.succeeded, Unverified: p.unverified, Failed: p.failed, Missed: p.missed }));
  return (
    <ChartCard
      id="backups"
      title="Backup health per plan"
      caption="Each fire time of a plan's schedule is a run: verified (completed, a check passed), unverified (completed, never checked), failed, or missed (nothing ran)."
      empty={b.plans.length > 0 ? null : later ? `No backup plan existed in this period. ${later}` : 'No backup plan yet. Add one on Backups with a schedule, and its runs are measured here.'}
    >
      <ResponsiveContainer width="100%" height={Math.max(120, 48 * data.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={SERIES.grid} strokeOpacity={0.25} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="plan" tick={{ fontSize: 12 }} width={96} />
          <Tooltip />
          <Legend />
          <Bar dataKey="Verified" stackId="runs" fill={SERIES.ok} isAnimationActive={false} />
          <Bar dataKey="Unverified" stackId="runs" fill={SERIES.unverified} isAnimationActive={false} />
          <Bar dataKey="Failed" stackId="runs" fill={SERIES.failed} isAnimationActive={false} />
          <Bar dataKey="Missed" stackId="runs" fill={SERIES.missed} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table className="data-table kpi-plans" aria-label="Backup plans">
        <thead>
          <tr><th scope="col">Plan</th><th scope="col">Verified</th><th scope="col">Newest verified backup</th><th scope="col">RPO</th></tr>
        </thead>
        <tbody>
          {b.plans.map((p) => (
            <tr key={p.plan} data-plan={p.plan}>
              <td>
                {p.plan}<br /><span className="muted small">{p.scheduleText ?? 'no schedule'}</span>
                {p.createdAt > periodStart && <><br /><span className="muted small" data-testid="plan-added">added {day(p.createdAt)}: judged from then</span></>}
              </td>
              <td>{p.note ?? `${formatPercent(p.rate)} (${p.succeeded} of ${p.scheduled})`}</td>
              <td>{p.newestVerified ? `${formatSpan(p.newestVerified.ageSeconds)} old` : <span className="badge badge-failed">none verified</span>}</td>
              <td>
                {p.rpoSeconds === null ? <span className="muted">not set</span>
                  : p.withinRpo === null ? <span className="muted">{formatSpan(p.rpoSeconds)}: not due yet</span>
                  : p.withinRpo ? <span className="badge badge-ok">{formatSpan(p.rpoSeconds)} met</span>
                  : <span className="badge badge-failed">{formatSpan(p.rpoSeconds)} missed</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {later && <p className="muted small" data-testid="later-plans">{later}</p>}
    </ChartCard>
  );
}
