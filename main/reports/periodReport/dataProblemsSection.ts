import { KPI_MAX_PROBLEMS, type DataProblem } from '../../../contract';
import { formatUtc } from '../incidentReport/formatTime';
import type { Block } from '../render/ReportDocument';
import type { PeriodReportScope } from './PeriodReportScope';

function problemText(p: DataProblem): string {
  if (p.kind === 'time-order') return p.pairs.map((x) => `${x.later} ${formatUtc(x.laterAt)} is before ${x.earlier} ${formatUtc(x.earlierAt)}`).join('; ');
  return `a move out of ${p.phase} is recorded at ${formatUtc(p.leftAt, true)}, before the stay began (${formatUtc(p.enteredAt, true)}): a clock set back`;
}

/**
 * Data problems: incidents whose times are out of order (kept on purpose by an override, with its
 * reason) or whose status moves were recorded before the stay they end. Their spoiled durations
 * are left out of the figures, which lowers coverage, and are never counted as negative.
 */
export function* dataProblemsSection(s: PeriodReportScope): Generator<Block> {
  const r = s.kpis;
  yield { kind: 'heading', level: 1, text: 'Data problems' };
  yield {
    kind: 'paragraph',
    text: 'Times in impossible order are kept when someone overrides the check with a reason; the durations they spoil are left out of every figure above (lowering its coverage) and never counted as negative. Correct the times on the incident to bring them back.',
  };
  yield {
    kind: 'table',
    columns: [{ header: 'Incident', weight: 1 }, { header: 'Title', weight: 1.8 }, { header: 'Problem', weight: 3 }, { header: 'Reason given', weight: 2 }],
    rows: r.dataProblems.map((p) => [s.refText(p.ref), s.scrub(p.ref, p.title), problemText(p), p.reason ? s.scrub(p.ref, p.reason) : p.kind === 'status-order' ? '—' : 'none recorded']),
    empty: 'None: every incident in the period has its times in order.',
  };
  if (r.dataProblemCount > r.dataProblems.length) {
    yield { kind: 'paragraph', tone: 'warning', text: `${r.dataProblemCount} data problems in all; the first ${KPI_MAX_PROBLEMS} are listed (the Dashboard lists the same).` };
  }
}
