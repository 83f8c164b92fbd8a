import type { TimelineEvent } from '../../../contract';
import { incidentEventPage, maskEvent } from '../../timeline';
import type { Block, TableColumn } from '../render/ReportDocument';
import { describeReportEvent } from './describeReportEvent';
import { formatUtc } from './formatTime';
import type { IncidentReportScope } from './IncidentReportScope';

/** Events read per page: a page is the most of the timeline held at once. */
export const EVENT_PAGE = 500;

const COLUMNS: TableColumn[] = [
  { header: '#', weight: 0.55, align: 'right' },
  { header: 'When (UTC)', weight: 1.3 },
  { header: 'Who', weight: 0.8 },
  { header: 'What', weight: 4.4 },
];

function rowOf(e: TimelineEvent, masked: boolean): string[] {
  const text = describeReportEvent(masked ? maskEvent(e) : e);
  return [String(e.seq), formatUtc(e.ts, true, false), e.actor, text.details.length ? `${text.summary}\n${text.details.join('\n')}` : text.summary];
}

/**
 * Every event of the incident up to the anchor, in log order, a page at a time: the table's first
 * page, then one `rows` block per page. Never more than EVENT_PAGE events in memory, and the
 * pages are read between the renderer's writes (the generator is pulled by renderReport).
 */
async function* allEvents(s: IncidentReportScope): AsyncGenerator<Block> {
  let after = 0;
  let first = true;
  for (;;) {
    const page = incidentEventPage(s.db, s.ref, after, s.upTo, EVENT_PAGE);
    const rows = page.map((e) => rowOf(e, s.masked));
    if (first) yield { kind: 'table', columns: COLUMNS, rows, empty: 'No events.' };
    else if (rows.length) yield { kind: 'rows', rows };
    first = false;
    if (page.length < EVENT_PAGE) return;
    after = page[page.length - 1]?.seq ?? after;
  }
}

/** Events per day, for the activity chart: one row per day, however many events. */
function activityByDay(s: IncidentReportScope): { day: string; n: number }[] {
  return s.db
    .prepare('SELECT substr(ts, 1, 10) AS day, count(*) AS n FROM events WHERE incident_ref = ? AND seq <= ? GROUP BY day ORDER BY day LIMIT 3660')
    .all(s.ref, s.upTo) as { day: string; n: number }[];
}

/**
 * The body's timeline: the key events responders starred (the review), else a pointer to the
 * appendix, with the incident's activity per day as a chart either way.
 */
export async function* keyEventsSection(s: IncidentReportScope): AsyncGenerator<Block> {
  yield { kind: 'heading', level: 1, text: 'Timeline of key events' };
  const days = activityByDay(s);
  if (days.length > 1) {
    yield { kind: 'chart', chart: { type: days.length > 20 ? 'line' : 'bar', title: 'Activity: events recorded per day', unit: 'events', labels: days.map((d) => d.day), series: [{ name: 'Events', values: days.map((d) => d.n) }] } };
  }
  if (!s.reviews) {
    yield { kind: 'paragraph', tone: 'muted', text: `Key events are starred in the post-incident review, which is not available in this version. All ${s.eventCount.toLocaleString('en-US')} events are in Appendix A.` };
    return;
  }
  const seqs = s.reviews.keyEventSeqs(s.db, s.ref).filter((n) => n <= s.upTo);
  if (seqs.length === 0) {
    yield { kind: 'paragraph', tone: 'muted', text: `No event has been starred as a key event yet. All ${s.eventCount.toLocaleString('en-US')} events are in Appendix A.` };
    return;
  }
  yield { kind: 'table', columns: COLUMNS, rows: [] };
  for (let i = 0; i < seqs.length; i += EVENT_PAGE) {
    const rows: string[][] = [];
    for (const seq of seqs.slice(i, i + EVENT_PAGE)) {
      const e = incidentEventPage(s.db, s.ref, seq - 1, seq, 1)[0];
      if (e) rows.push(rowOf(e, s.masked));
    }
    yield { kind: 'rows', rows };
  }
  yield { kind: 'paragraph', tone: 'muted', text: `${seqs.length} key events of ${s.eventCount.toLocaleString('en-US')}; all of them are in Appendix A.` };
}

/** Appendix A: the whole timeline. */
export async function* timelineAppendix(s: IncidentReportScope): AsyncGenerator<Block> {
  yield { kind: 'heading', level: 1, text: 'Appendix A: the whole timeline', newPage: true };
  yield { kind: 'paragraph', text: `Every event recorded for ${s.ref} up to event #${s.upTo} of the log (${s.eventCount.toLocaleString('en-US')} events), in order. Each is an entry of the hash-chained log; the integrity section says how to check them.` };
  yield* allEvents(s);
}
