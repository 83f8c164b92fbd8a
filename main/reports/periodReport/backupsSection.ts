import type { DrillPoint, PlanHealth } from '../../../contract';
import { formatDuration, formatUtc } from '../incidentReport/formatTime';
import type { Block } from '../render/ReportDocument';
import type { PeriodReportScope } from './PeriodReportScope';
import { chartUnit, percentText, spanText } from './spanText';

const seconds = (s: number) => formatDuration(s * 1000);

function newestVerified(p: PlanHealth, asOf: string): string {
  if (!p.newestVerified) return `NONE verified by ${formatUtc(asOf)}${p.rpoSeconds !== null ? ` (RPO ${seconds(p.rpoSeconds)}: MISSED)` : ''}`;
  const age = `${seconds(p.newestVerified.ageSeconds)} old at ${formatUtc(asOf)}`;
  if (p.rpoSeconds === null) return `${age} (no RPO set)`;
  return p.withinRpo ? `${age}: within the ${seconds(p.rpoSeconds)} RPO` : `${age}: OVER the ${seconds(p.rpoSeconds)} RPO by ${seconds(p.newestVerified.ageSeconds - p.rpoSeconds)}`;
}

function drillsOf(points: DrillPoint[], plan: string, rtoSeconds: number | null): string {
  const mine = points.filter((d) => d.plan === plan);
  if (mine.length === 0) return 'no drill in the period';
  const times = mine.map((d) => d.restoreSeconds).filter((x): x is number => x !== null).sort((a, b) => a - b);
  const median = times.length ? times[Math.max(0, Math.ceil(times.length / 2) - 1)]! : null;
  const within = mine.filter((d) => d.withinRto === true).length;
  const failed = mine.filter((d) => !d.ok).length;
  return `${mine.length} ${mine.length === 1 ? 'drill' : 'drills'}: median restore ${spanText(median)}${rtoSeconds !== null ? ` against the ${seconds(rtoSeconds)} RTO, ${within} within` : ' (no RTO set)'}${failed ? `, ${failed} FAILED` : ''}`;
}

function drillVerdict(d: DrillPoint): string {
  if (!d.ok) return 'FAILED';
  if (d.restoreSeconds === null) return 'passed (restore time not recorded)';
  if (d.rtoSeconds === null) return 'passed (no RTO set)';
  return d.restoreSeconds <= d.rtoSeconds ? `within the RTO by ${seconds(d.rtoSeconds - d.restoreSeconds)}` : `OVER the RTO by ${seconds(d.restoreSeconds - d.rtoSeconds)}`;
}

/**
 * Backup and drill health: per plan, scheduled runs that completed and passed verification (a
 * missed run counts as a failure), the newest verified backup's age against the RPO, the drills'
 * restore times against the RTO; a chart of the success rate per plan and the drills' trend.
 */
export function* backupsSection(s: PeriodReportScope): Generator<Block> {
  const b = s.kpis.backups;
  const d = s.kpis.drills;
  yield { kind: 'heading', level: 1, text: 'Backups and restore drills', newPage: true };
  yield {
    kind: 'paragraph',
    text: 'A scheduled run succeeds when a backup started in its slot completed and passed verification; a missed run counts as a failure, a completed but never verified one does not count as a success. Ages are measured at the end of the period (or now, if it is not over).',
  };
  yield {
    kind: 'keyValues',
    items: [
      { key: 'Completed and verified', value: b.scheduled === 0 ? 'no scheduled run in the period' : `${percentText(b.rate)}: ${b.succeeded} of ${b.scheduled} scheduled runs` },
      { key: 'Not verified, failed, missed', value: `${b.unverified} completed but never verified, ${b.failed} failed, ${b.missed} missed` },
      { key: 'Restore drills', value: d.restore.n === 0 && d.points.length === 0 ? 'none in the period' : `${d.points.length} (${d.withinRto} within the RTO, ${d.overRto} over it or failed${d.noRto ? `, ${d.noRto} without an RTO` : ''}); restore time median ${spanText(d.restore.median)}, p90 ${spanText(d.restore.p90)}, mean ${spanText(d.restore.mean)} (n = ${d.restore.n})` },
    ],
  };
  const scheduled = b.plans.filter((p) => p.scheduled > 0);
  if (scheduled.length) {
    yield { kind: 'chart', chart: { type: 'bar', title: 'Backup runs completed and verified, per plan', unit: '%', max: 100, labels: b.plans.map((p) => p.plan), gap: 'nothing scheduled', series: [{ name: 'completed and verified', values: b.plans.map((p) => (p.rate === null ? null : Math.round(p.rate * 1000) / 10)) }] } };
  } else yield { kind: 'paragraph', tone: 'muted', text: b.plans.length ? 'No chart: no plan had a scheduled run in the period.' : 'No chart: no backup plan existed in the period.' };
  yield {
    kind: 'table',
    caption: 'Per plan',
    columns: [
      { header: 'Plan', weight: 0.9 }, { header: 'Schedule', weight: 1.2 }, { header: 'Scheduled', weight: 0.95, align: 'right' }, { header: 'Verified', weight: 0.85, align: 'right' },
      { header: 'Unverified', weight: 1.05, align: 'right' }, { header: 'Failed', weight: 0.7, align: 'right' }, { header: 'Missed', weight: 0.75, align: 'right' }, { header: 'Rate', weight: 0.6, align: 'right' },
      { header: 'Newest verified backup against the RPO', weight: 1.9 }, { header: 'Drills against the RTO', weight: 1.9 },
    ],
    rows: b.plans.map((p) => [
      p.plan, p.scheduleText ?? p.schedule ?? 'by hand only', String(p.scheduled), String(p.succeeded), String(p.unverified), String(p.failed), String(p.missed),
      p.note ? `— (${p.note})` : percentText(p.rate), newestVerified(p, s.kpis.asOf), drillsOf(d.points, p.plan, p.rtoSeconds),
    ]),
    empty: 'No backup plan existed in the period (plans added later are not listed).',
  };

  yield { kind: 'heading', level: 2, text: 'Restore drills against the RTO' };
  const timed = d.points.filter((x) => x.restoreSeconds !== null);
  if (timed.length === 0) {
    yield { kind: 'paragraph', tone: 'muted', text: 'No chart: no restore drill was done in the period. Drill a backup (Backups › Drill, or firebreak backup drill ID) to measure the restore time against the plan\'s RTO.' };
    return;
  }
  const { unit, divisor } = chartUnit([...d.points.map((x) => x.restoreSeconds), ...d.points.map((x) => x.rtoSeconds)]);
  const hasRto = d.points.some((x) => x.rtoSeconds !== null);
  yield {
    kind: 'chart',
    chart: {
      // Bars side by side while there are few drills (a single point of a line reads as nothing); a line for a long series.
      type: d.points.length > 12 ? 'line' : 'bar', title: 'Drill restore time and the RTO, oldest first', unit, labels: d.points.map((x) => formatUtc(x.at, false, false).slice(0, 10)), gap: 'not timed',
      series: [
        // Written as durations (0.14 s, 60 min): a sub-second restore on a minutes axis would read "0.0024".
        { name: 'restore time', values: d.points.map((x) => (x.restoreSeconds === null ? null : x.restoreSeconds / divisor)), texts: d.points.map((x) => (x.restoreSeconds === null ? null : spanText(x.restoreSeconds))) },
        ...(hasRto ? [{ name: 'RTO', values: d.points.map((x) => (x.rtoSeconds === null ? null : x.rtoSeconds / divisor)), texts: d.points.map((x) => (x.rtoSeconds === null ? null : spanText(x.rtoSeconds))) }] : []),
      ],
    },
  };
  yield {
    kind: 'table',
    caption: 'Every drill in the period',
    columns: [{ header: 'When (UTC)', weight: 1.2 }, { header: 'Plan', weight: 1 }, { header: 'Backup', weight: 1.6, mono: true }, { header: 'Restore time', weight: 0.9, align: 'right' }, { header: 'RTO', weight: 0.8, align: 'right' }, { header: 'Result', weight: 1.6 }],
    rows: d.points.map((x) => [formatUtc(x.at), x.plan, x.backupId, x.restoreSeconds === null ? '—' : spanText(x.restoreSeconds), x.rtoSeconds === null ? 'none' : seconds(x.rtoSeconds), drillVerdict(x)]),
  };
  if (d.points.length >= 500) yield { kind: 'paragraph', tone: 'warning', text: 'Only the last 500 drills of the period are drawn and listed; the figures above count them all.' };
}
