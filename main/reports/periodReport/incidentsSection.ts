import { listScopeIncidents, type ScopeCursor, type ScopeIncident } from '../../kpis';
import { formatUtc, humanize } from '../incidentReport/formatTime';
import type { Block } from '../render/ReportDocument';
import type { PeriodReportScope } from './PeriodReportScope';

/** How an exercise is marked in every table of the period report (the notices' subject prefix). */
export const EXERCISE_TAG = '[EXERCISE]';

/**
 * The incidents the figures count, in the order detected, streamed a page at a time (a year of a
 * large vault is never held whole): reference, title, highest severity, status, category, detected
 * and closed. An exercise (listed only when asked for) is marked before its title.
 */
export function* incidentsSection(s: PeriodReportScope): Generator<Block> {
  const r = s.kpis;
  yield { kind: 'heading', level: 1, text: 'Incidents in the period', newPage: true };
  yield {
    kind: 'paragraph',
    text: `${r.incidents} ${r.incidents === 1 ? 'incident was' : 'incidents were'} detected from ${r.from} to ${r.to}${r.filters.severity ? ` with a highest severity of ${r.filters.severity.join(' or ')}` : ''}${r.filters.category ? `, category ${r.filters.category.map(humanize).join(' or ')}` : ''}. ${
      r.filters.includeExercises ? `Exercises are included and marked ${EXERCISE_TAG}.` : r.exercisesExcluded > 0 ? `${r.exercisesExcluded} ${r.exercisesExcluded === 1 ? 'exercise is' : 'exercises are'} left out.` : ''
    } Incidents count in the period they were detected in, with what is known about them now.`,
  };
  const columns = [
    { header: 'Reference', weight: 1.05 }, { header: 'Title', weight: 3 }, { header: 'Highest severity', weight: 0.75 }, { header: 'Status', weight: 0.85 },
    { header: 'Category', weight: 1 }, { header: 'Detected (UTC)', weight: 1.15 }, { header: 'Closed (UTC)', weight: 1.15 },
  ];
  const rowOf = (i: ScopeIncident): string[] => [
    i.ref, `${i.exercise ? `${EXERCISE_TAG} ` : ''}${s.scrub(i.ref, i.title)}`, i.highestSeverity, humanize(i.status), humanize(i.category),
    formatUtc(i.detectedAt), i.closedAt ? formatUtc(i.closedAt) : i.status === 'closed' ? '—' : 'open',
  ];
  let cursor: ScopeCursor | null = null;
  let first = true;
  do {
    const page = listScopeIncidents(s.db, s.query, cursor, s.pageSize);
    const rows = page.rows.map(rowOf);
    yield first ? { kind: 'table', columns, rows, empty: 'No incident was detected in the period.' } : { kind: 'rows', rows };
    first = false;
    cursor = page.next;
  } while (cursor);
}
