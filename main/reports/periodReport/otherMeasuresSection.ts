import type { Block } from '../render/ReportDocument';
import type { PeriodReportScope } from './PeriodReportScope';
import { spanText } from './spanText';

/**
 * The remaining KPIs: runbook phases (from the first of a phase's steps becoming available to the
 * last one finished, in runs where every step of it finished) and failed sign-ins and refused
 * requests per week, with what is not counted because it is not logged.
 */
export function* otherMeasuresSection(s: PeriodReportScope): Generator<Block> {
  const r = s.kpis;
  yield { kind: 'heading', level: 1, text: 'Runbooks and access' };
  const rows: string[][] = [];
  for (const rb of r.runbooks) {
    for (const p of rb.phases) {
      rows.push([rb.title, p.picerl, String(rb.runs), String(p.stats.n), spanText(p.stats.median), spanText(p.stats.p90), spanText(p.stats.mean), String(p.unfinished)]);
    }
  }
  yield {
    kind: 'table',
    caption: 'Runbook phases, in the runs started on these incidents',
    columns: [
      { header: 'Runbook', weight: 1.8 }, { header: 'Phase', weight: 1.1 }, { header: 'Runs', weight: 0.5, align: 'right' }, { header: 'N finished', weight: 0.7, align: 'right' },
      { header: 'Median', weight: 0.7, align: 'right' }, { header: 'p90', weight: 0.7, align: 'right' }, { header: 'Mean', weight: 0.7, align: 'right' }, { header: 'Unfinished', weight: 0.75, align: 'right' },
    ],
    rows,
    empty: 'No runbook was run on these incidents.',
  };
  const sec = r.security;
  // Only the weeks with something in them: a year of zeros would bury the few that matter.
  const weeks = sec.failedSignInsByWeek
    .map((w, i) => ({ week: w.week, failed: w.count, refused: sec.refusedRequestsByWeek[i]?.count ?? 0 }))
    .filter((w) => w.failed + w.refused > 0)
    .map((w) => [w.week, String(w.failed), String(w.refused)]);
  yield {
    kind: 'table',
    caption: `Failed sign-ins (${sec.failedSignIns}) and refused requests (${sec.refusedRequests}), per week; weeks without either are not listed`,
    columns: [{ header: 'Week of (Monday, UTC)', weight: 1.2 }, { header: 'Failed sign-ins', weight: 1, align: 'right' }, { header: 'Refused requests', weight: 1, align: 'right' }],
    rows: weeks,
    empty: 'No failed sign-in and no refused request in the period.',
  };
  if (sec.note) yield { kind: 'paragraph', tone: 'muted', text: sec.note };
}
