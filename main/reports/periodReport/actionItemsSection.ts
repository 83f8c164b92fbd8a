import { listScopeActionItems, type ActionCursor } from '../../kpis';
import { formatDuration } from '../incidentReport/formatTime';
import type { Block } from '../render/ReportDocument';
import { EXERCISE_TAG } from './incidentsSection';
import type { PeriodReportScope } from './PeriodReportScope';

/**
 * The action items of the incidents in the period: the counts (open, overdue, done on time or
 * late, won't do), then every open one, overdue first, with its owner and due date.
 */
export function* actionItemsSection(s: PeriodReportScope): Generator<Block> {
  const a = s.kpis.actionItems;
  const nowMs = Date.parse(s.now);
  yield { kind: 'heading', level: 1, text: 'Open action items' };
  if (a) {
    yield {
      kind: 'keyValues',
      items: [
        { key: 'Open', value: `${a.open}, of which ${a.overdue} overdue now` },
        { key: 'Done', value: `${a.closedOnTime} on time, ${a.closedLate} late` },
        { key: "Won't do", value: `${a.wontDo} (closed with a reason)` },
      ],
    };
  }
  const columns = [{ header: 'Incident', weight: 1.05 }, { header: 'Action', weight: 3 }, { header: 'Owner', weight: 0.9 }, { header: 'Due', weight: 1.15 }, { header: 'Overdue', weight: 1.1 }];
  let cursor: ActionCursor | null = null;
  let first = true;
  do {
    const page = listScopeActionItems(s.db, s.query, s.now, cursor, s.pageSize);
    const rows = page.rows.map((x) => [
      `${x.ref}${x.exercise ? ` ${EXERCISE_TAG}` : ''}`, s.scrub(x.ref, x.title), x.owner, x.due,
      x.overdue ? `OVERDUE by ${formatDuration(nowMs - Date.parse(x.dueAt))}` : `due in ${formatDuration(Date.parse(x.dueAt) - nowMs)}`,
    ]);
    yield first ? { kind: 'table', caption: 'Open, overdue first', columns, rows, empty: 'No action item of these incidents is open.' } : { kind: 'rows', rows };
    first = false;
    cursor = page.next;
  } while (cursor);
}
