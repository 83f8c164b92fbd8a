/** `firebreak kpi` as a table and as CSV (docs/kpis.md defines every figure). */
import type { DurationStats, KpiResult, SignedStats } from '../../contract/kpis';
import { formatKpiSpan } from '../../contract/formatKpiSpan';
import { dataProblemEffect } from '../../contract/kpis';
import { formatTable } from './format';

/** ASCII for a terminal; the rule itself is contract/formatKpiSpan.ts, shared with the dashboard. */
export const formatSpan = (seconds: number | null): string => formatKpiSpan(seconds, { none: '-', minus: '-' });

const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(x * 1000) / 10}%`);

/** Coverage under 100% is flagged: the figures then describe only part of the incidents. */
const coverage = (s: DurationStats): string => (s.coverage === null ? '-' : `${pct(s.coverage)}${s.coverage < 1 ? ' !' : ''}`);

export function formatKpis(r: KpiResult): string {
  const out: string[] = [];
  const exercises = r.filters.includeExercises
    ? `${r.exercisesIncluded} ${r.exercisesIncluded === 1 ? 'exercise' : 'exercises'} included`
    : `${r.exercisesExcluded} ${r.exercisesExcluded === 1 ? 'exercise' : 'exercises'} left out`;
  const filters = [r.filters.severity ? `highest severity ${r.filters.severity.join(', ')}` : '', r.filters.category ? `category ${r.filters.category.join(', ')}` : ''].filter(Boolean).join('; ');
  out.push(`KPIs ${r.from} to ${r.to} (UTC days)${filters ? `, ${filters}` : ''}: ${r.incidents} ${r.incidents === 1 ? 'incident' : 'incidents'} detected (${exercises}); as of ${r.asOf}`);
  out.push('Percentiles by nearest rank; N = incidents with both times known and in order; "!" = coverage below 100%.', '');
  out.push(formatTable(
    ['DURATION', 'N', 'OF', 'COVERAGE', 'MEDIAN', 'P90', 'MEAN', 'UNKNOWN', 'OUT OF ORDER'],
    r.durations.map((d) => [d.label, String(d.overall.n), String(d.overall.inScope), coverage(d.overall), formatSpan(d.overall.median), formatSpan(d.overall.p90), formatSpan(d.overall.mean), String(d.overall.missing), String(d.overall.outOfOrder)]),
  ));
  const n = r.notifications;
  out.push('', `Notifications: ${n.onTime} of ${n.due} on time (${pct(n.rate)}); ${n.sentLate} sent late, ${n.unsentPastDue} not sent by the deadline; margin median ${formatSpan(n.margin.median)} (n=${n.margin.n}); ${n.openOverdue} open ${n.openOverdue === 1 ? 'obligation' : 'obligations'} overdue now`);
  for (const o of n.openOverdueList.slice(0, 10)) out.push(`  overdue: ${o.ref} ${o.regimeName} — ${o.stageTitle}, due ${o.due}`);
  const b = r.backups;
  out.push('', `Backups (all plans; the incident filters do not apply): ${b.succeeded} of ${b.scheduled} scheduled ${b.scheduled === 1 ? 'run' : 'runs'} completed and verified (${pct(b.rate)}); ${b.unverified} unverified, ${b.failed} failed, ${b.missed} missed`);
  if (b.plans.length > 0) {
    out.push(formatTable(
      ['PLAN', 'SCHEDULED', 'OK', 'UNVERIFIED', 'FAILED', 'MISSED', 'RATE', 'NEWEST VERIFIED', 'RPO'],
      b.plans.map((p) => [
        p.plan, String(p.scheduled), String(p.succeeded), String(p.unverified), String(p.failed), String(p.missed), p.note ?? pct(p.rate),
        p.newestVerified ? `${formatSpan(p.newestVerified.ageSeconds)} old` : 'none',
        p.rpoSeconds === null ? '-' : `${formatSpan(p.rpoSeconds)} ${p.withinRpo === null ? 'not due yet' : p.withinRpo ? 'met' : 'MISSED'}`,
      ]),
    ));
    const added = b.plans.filter((p) => p.createdAt > `${r.from}T`);
    if (added.length > 0) out.push(`  added during the period, judged from then: ${added.map((p) => `${p.plan} (${p.createdAt.slice(0, 10)})`).join(', ')}`);
  }
  if (b.laterPlans.length > 0) out.push(`  added after the period, not judged in it: ${b.laterPlans.map((p) => `${p.plan} (${p.createdAt.slice(0, 10)})`).join(', ')}`);
  const d = r.drills;
  out.push('', `Restore drills (all plans): ${d.restore.n}, median ${formatSpan(d.restore.median)}, p90 ${formatSpan(d.restore.p90)}; ${d.withinRto} within RTO, ${d.overRto} over RTO or failed, ${d.noRto} without RTO${d.exercises > 0 ? `; ${d.exercises} ${d.exercises === 1 ? 'drill' : 'drills'} for exercises ${r.filters.includeExercises ? 'included' : 'left out'}` : ''}`);
  for (const rb of r.runbooks) {
    out.push('', `Runbook ${rb.runbookId} (${rb.runs} ${rb.runs === 1 ? 'run' : 'runs'}):`);
    out.push(formatTable(['STEP', 'PHASE', 'N', 'MEDIAN', 'P90', 'MEAN'], rb.steps.map((s) => [s.stepId, s.picerl, String(s.stats.n), formatSpan(s.stats.median), formatSpan(s.stats.p90), formatSpan(s.stats.mean)])));
  }
  const sec = r.security;
  out.push('', `Security: ${sec.failedSignIns} failed ${sec.failedSignIns === 1 ? 'sign-in' : 'sign-ins'}, ${sec.refusedRequests} ${sec.refusedRequests === 1 ? 'request' : 'requests'} refused for the role in the period. ${sec.note}`);
  out.push('', r.actionItems ? `Action items: ${r.actionItems.open} open (${r.actionItems.overdue} overdue), ${r.actionItems.closedOnTime} done on time, ${r.actionItems.closedLate} done late, ${r.actionItems.wontDo} won't do` : (r.actionItemsNote ?? 'Action items: not available'));
  out.push('', r.dataProblemCount === 0 ? 'Data problems: none' : `Data problems: ${r.dataProblemCount} (a duration across a pair in impossible order is left out for that incident; each line says which)`);
  for (const p of r.dataProblems) {
    out.push(p.kind === 'time-order'
      ? `  ${p.ref} ${p.title}: ${p.pairs.map((x) => `${x.later} ${x.laterAt} is before ${x.earlier} ${x.earlierAt}`).join('; ')}${p.reason ? ` (override: ${p.reason})` : ''} — ${dataProblemEffect(p)}`
      : `  ${p.ref} ${p.title}: left ${p.phase} at ${p.leftAt}, before it entered it at ${p.enteredAt} — ${dataProblemEffect(p)}`);
  }
  return out.join('\n');
}

const CSV_HEADER = ['section', 'metric', 'group', 'key', 'in_scope', 'n', 'missing', 'out_of_order', 'coverage', 'median', 'p90', 'mean', 'value', 'unit'];

/** RFC 4180: quoted when needed, quotes doubled. */
const cell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per metric and group; durations in seconds, rates as fractions. */
export function kpisCsv(r: KpiResult): string {
  const rows: (string | number | null)[][] = [CSV_HEADER];
  const dur = (metric: string, group: string, key: string, s: DurationStats) => rows.push(['duration', metric, group, key, s.inScope, s.n, s.missing, s.outOfOrder, s.coverage, s.median, s.p90, s.mean, null, 's']);
  const signed = (section: string, metric: string, group: string, key: string, s: SignedStats) => rows.push([section, metric, group, key, null, s.n, null, null, null, s.median, s.p90, s.mean, null, 's']);
  const value = (section: string, metric: string, group: string, key: string, n: number | null, v: number | null, unit: string) => rows.push([section, metric, group, key, null, n, null, null, null, null, null, null, v, unit]);
  for (const d of r.durations) {
    dur(d.id, 'all', '', d.overall);
    for (const g of d.bySeverity) dur(d.id, 'severity', g.key, g.stats);
    for (const g of d.byCategory) dur(d.id, 'category', g.key, g.stats);
    for (const g of d.byMonth) dur(d.id, 'month', g.key, g.stats);
    for (const g of d.byQuarter) dur(d.id, 'quarter', g.key, g.stats);
  }
  const n = r.notifications;
  value('notifications', 'onTimeRate', 'all', '', n.due, n.rate, 'fraction');
  for (const g of n.bySeverity) value('notifications', 'onTimeRate', 'severity', g.key, g.due, g.rate, 'fraction');
  for (const g of n.byMonth) value('notifications', 'onTimeRate', 'month', g.key, g.due, g.rate, 'fraction');
  signed('notifications', 'margin', 'all', '', n.margin);
  value('notifications', 'openOverdue', 'all', '', null, n.openOverdue, 'count');
  value('backups', 'successRate', 'all', '', r.backups.scheduled, r.backups.rate, 'fraction');
  for (const p of r.backups.plans) {
    value('backups', 'successRate', 'plan', p.plan, p.scheduled, p.rate, 'fraction');
    value('backups', 'newestVerifiedAge', 'plan', p.plan, null, p.newestVerified?.ageSeconds ?? null, 's');
  }
  signed('drills', 'restoreTime', 'all', '', r.drills.restore);
  for (const rb of r.runbooks) {
    for (const s of rb.steps) signed('runbooks', `${rb.runbookId}/${s.stepId}`, 'step', s.picerl, s.stats);
    for (const p of rb.phases) signed('runbooks', `${rb.runbookId}/${p.picerl}`, 'phase', p.picerl, p.stats);
  }
  for (const w of r.security.failedSignInsByWeek) value('security', 'failedSignIns', 'week', w.week, null, w.count, 'count');
  for (const w of r.security.refusedRequestsByWeek) value('security', 'refusedRequests', 'week', w.week, null, w.count, 'count');
  if (r.actionItems) for (const [k, v] of Object.entries(r.actionItems) as [string, number][]) value('actionItems', k, 'all', '', null, v, 'count');
  value('data', 'problems', 'all', '', null, r.dataProblemCount, 'count');
  // Lines end in LF, not RFC 4180's CRLF: the CLI's writer shows a CR as ␍ (terminalSafe, issue 13
  // §8), and spreadsheets and Unix tools read LF-ended CSV alike.
  return rows.map((row) => row.map(cell).join(',')).join('\n');
}
