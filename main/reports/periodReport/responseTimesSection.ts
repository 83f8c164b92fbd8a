import { KPI_INTERVALS, type DurationMetric, type GroupStats } from '../../../contract';
import { humanize } from '../incidentReport/formatTime';
import type { Block, Chart } from '../render/ReportDocument';
import type { PeriodReportScope } from './PeriodReportScope';
import { chartUnit, statsCells } from './spanText';

const INTERVAL_IDS: readonly string[] = KPI_INTERVALS.map((m) => m.id);
/** The durations the charts show (detect is often unknown, close is days: both stay in the tables). */
const CHARTED = ['timeToTriage', 'timeToContain', 'timeToRecover'];
const STATS_COLUMNS = [
  { header: 'N of in scope', weight: 0.8, align: 'right' as const }, { header: 'Coverage', weight: 0.7, align: 'right' as const },
  { header: 'Median', weight: 0.7, align: 'right' as const }, { header: 'p90', weight: 0.7, align: 'right' as const }, { header: 'Mean', weight: 0.7, align: 'right' as const },
];

const short = (label: string) => label.replace(/^Time to /, '').replace(/^Time in /, 'in ');

/**
 * A chart of medians per group, or null when no group has one: a chart without data would draw an
 * empty axis that reads as "zero", so the caller says in words that there is nothing to draw.
 */
function mediansChart(title: string, metrics: DurationMetric[], groupsOf: (m: DurationMetric) => GroupStats[], keep: (key: string) => boolean): Chart | null {
  const labels = (groupsOf(metrics[0]!) ?? []).map((g) => g.key).filter(keep);
  const raw = metrics.map((m) => labels.map((key) => groupsOf(m).find((g) => g.key === key)?.stats.median ?? null));
  if (!raw.some((values) => values.some((v) => v !== null))) return null;
  const { unit, divisor } = chartUnit(raw.flat());
  return {
    type: labels.length > 12 ? 'line' : 'bar', title, unit, labels, gap: 'none measured',
    series: metrics.map((m, i) => ({ name: short(m.label), values: raw[i]!.map((v) => (v === null ? null : v / divisor)) })),
  };
}

function groupRows(metrics: DurationMetric[], groupsOf: (m: DurationMetric) => GroupStats[], label: (key: string) => string): string[][] {
  const rows: string[][] = [];
  const keys = groupsOf(metrics[0]!).map((g) => g.key);
  for (const key of keys) {
    for (const m of metrics) {
      const g = groupsOf(m).find((x) => x.key === key);
      if (!g || g.stats.inScope === 0) continue;
      rows.push([label(key), m.label, ...statsCells(g.stats)]);
    }
  }
  return rows;
}

/**
 * Response times: every duration with N, coverage, median, p90 and mean (never a mean alone),
 * charts of the medians by highest severity and by month, and the same figures by group.
 */
export function* responseTimesSection(s: PeriodReportScope): Generator<Block> {
  const r = s.kpis;
  yield { kind: 'heading', level: 1, text: 'Response times', newPage: true };
  yield {
    kind: 'paragraph',
    text: 'Each duration runs between two of the incident\'s own recorded times (time in a phase: from its status changes). N counts the incidents with both times known and in order; coverage is N of the incidents in scope. Unknown times lower the coverage; times out of order are data problems, never negative durations.',
  };
  yield {
    kind: 'table',
    caption: 'Every duration',
    columns: [{ header: 'Measure', weight: 1.2 }, { header: 'From → to', weight: 2.2 }, ...STATS_COLUMNS, { header: 'Not measured', weight: 1.1 }],
    rows: r.durations.map((d) => [
      d.label, `${d.starts} → ${d.ends}`, ...statsCells(d.overall),
      d.overall.missing + d.overall.outOfOrder === 0 ? '—' : `${d.overall.missing} without a time${d.overall.outOfOrder ? `, ${d.overall.outOfOrder} out of order` : ''}`,
    ]),
  };

  const charted = r.durations.filter((d) => CHARTED.includes(d.id));
  const intervals = r.durations.filter((d) => INTERVAL_IDS.includes(d.id));
  yield { kind: 'heading', level: 2, text: 'By highest severity' };
  const inScopeSeverities = new Set(intervals[0]?.bySeverity.filter((g) => g.stats.inScope > 0).map((g) => g.key) ?? []);
  const bySeverity = charted.length ? mediansChart('Median response times by highest severity', charted, (m) => m.bySeverity, (k) => inScopeSeverities.has(k as never)) : null;
  if (bySeverity) yield { kind: 'chart', chart: bySeverity };
  else yield { kind: 'paragraph', tone: 'muted', text: 'No chart: no incident in the period has the times to measure triage, containment or recovery.' };
  const none = intervals[0]?.bySeverity.filter((g) => g.stats.inScope === 0).map((g) => g.key) ?? [];
  yield {
    kind: 'table',
    columns: [{ header: 'Highest severity', weight: 0.9 }, { header: 'Measure', weight: 1.3 }, ...STATS_COLUMNS],
    rows: groupRows(intervals, (m) => m.bySeverity, (k) => k),
    empty: 'No incident was detected in the period.',
  };
  if (none.length && none.length < 4) yield { kind: 'paragraph', tone: 'muted', text: `No incident reached ${none.join(', ')} as its highest severity in the period.` };

  yield { kind: 'heading', level: 2, text: 'Over time, by month detected' };
  const byMonth = charted.length ? mediansChart('Median response times by month detected', charted, (m) => m.byMonth, () => true) : null;
  if (byMonth) yield { kind: 'chart', chart: byMonth };
  else yield { kind: 'paragraph', tone: 'muted', text: 'No chart: no month of the period has an incident with the times to measure triage, containment or recovery.' };
  yield {
    kind: 'table',
    columns: [{ header: 'Month', weight: 0.9 }, { header: 'Measure', weight: 1.3 }, ...STATS_COLUMNS],
    rows: groupRows(intervals, (m) => m.byMonth, (k) => k),
    empty: 'No incident was detected in the period.',
  };
  const empty = intervals[0]?.byMonth.filter((g) => g.stats.inScope === 0).map((g) => g.key) ?? [];
  if (empty.length && empty.length < (intervals[0]?.byMonth.length ?? 0)) yield { kind: 'paragraph', tone: 'muted', text: `No incident was detected in ${empty.join(', ')}.` };

  const categories = intervals[0]?.byCategory ?? [];
  if (categories.length) {
    yield { kind: 'heading', level: 2, text: 'By category' };
    yield {
      kind: 'table',
      columns: [{ header: 'Category', weight: 0.9 }, { header: 'Measure', weight: 1.3 }, ...STATS_COLUMNS],
      caption: 'Time to contain and to recover',
      rows: groupRows(intervals.filter((m) => m.id === 'timeToContain' || m.id === 'timeToRecover'), (m) => m.byCategory, humanize),
    };
  }
}
