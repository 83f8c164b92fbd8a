import type { EventPage, TimelineEvent } from '../../contract';
import type { Db } from '../store';
import { readableEvent } from './readableEvent';
import type { EventRow } from './rowToEvent';

/**
 * Records of who was shown an incident's personal data (`incident.pii_viewed`) carry its reference
 * for the access report, but are not part of the incident's own story: its timeline and report
 * leave them out (the audit log and the access report show them).
 */
const NOT_IN_STORY = "type != 'incident.pii_viewed'";

export function eventsForIncident(db: Db, ref: string): TimelineEvent[] {
  const rows = db.prepare(`SELECT * FROM events WHERE incident_ref = ? AND ${NOT_IN_STORY} ORDER BY seq`).all(ref) as EventRow[];
  return rows.map(readableEvent(db));
}

export interface EventQuery {
  type?: string;
  actor?: string;
  text?: string;
  offset: number;
  limit: number;
}

/** Counting stops here: "10,000+ matches" says enough, and counting 250k hits costs a second. */
export const EVENT_COUNT_CAP = 10_000;

/**
 * Newest first. `text` is full-text (FTS5) over type, actor and the event data as a role without
 * `pii:read` is shown it: the index holds no personal data (migration 0240), so no search answers
 * on it — for any caller, through results, counts, order or timing. The search table is read in
 * descending rowid order and joined to the events, so a page costs the same whether a word
 * matches a hundred events or a million.
 */
export function listEvents(db: Db, q: EventQuery): EventPage {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.type) {
    where.push('e.type = ?');
    args.push(q.type);
  }
  if (q.actor) {
    where.push('e.actor = ?');
    args.push(q.actor);
  }
  const text = q.text?.trim() ? toFtsQuery(q.text) : '';
  let from = 'events e';
  if (text) {
    from = 'events_fts f JOIN events e ON e.seq = f.rowid';
    where.unshift('events_fts MATCH ?');
    args.unshift(text);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const countFrom =
    where.length === 0
      ? null // the whole log: its length is the head's sequence number
      : where.length === 1 && text
        ? 'SELECT 1 FROM events_fts WHERE events_fts MATCH ?'
        : `SELECT 1 FROM ${from} ${clause}`;
  const counted = countFrom
    ? (db.prepare(`SELECT count(*) AS n FROM (${countFrom} LIMIT ${EVENT_COUNT_CAP + 1})`).get(...args) as { n: number }).n
    : (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const cap = countFrom ? EVENT_COUNT_CAP : Infinity;
  const order = text ? 'f.rowid DESC' : 'e.seq DESC';
  const rows = db.prepare(`SELECT e.* FROM ${from} ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset) as EventRow[];
  return {
    total: Math.min(counted, cap),
    ...(counted > cap ? { totalIsLowerBound: true } : {}),
    offset: q.offset,
    rows: rows.map(readableEvent(db)),
  };
}

/**
 * Each word becomes a quoted term, so user text can never be FTS syntax: no operator, column
 * filter or NEAR group reaches the query, and a quote is doubled inside its term. A word ending
 * in `*` is a prefix search (a lone `*` is refused by the contract); plain words match whole
 * tokens, which FTS5 reads newest-first without scanning (a prefix term over a common stem cost
 * 10 ms at 200k events, a whole word 0.3 ms).
 */
export function toFtsQuery(text: string): string {
  return text
    .split(/\s+/)
    .map((w) => ({ word: w.replace(/\*+$/, ''), prefix: w.endsWith('*') }))
    .filter(({ word }) => word !== '')
    .map(({ word, prefix }) => `"${word.replace(/"/g, '""')}"${prefix ? '*' : ''}`)
    .join(' ');
}

/**
 * One page of an incident's events in log order, after `afterSeq` and up to `upToSeq` (a head read
 * earlier, so a reader paging through a growing log sees a fixed set): keyset paging, so reading
 * an incident of any size costs one page of memory at a time.
 */
export function incidentEventPage(db: Db, ref: string, afterSeq: number, upToSeq: number, limit: number): TimelineEvent[] {
  const rows = db
    .prepare(`SELECT * FROM events WHERE incident_ref = ? AND ${NOT_IN_STORY} AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`)
    .all(ref, afterSeq, upToSeq, limit) as EventRow[];
  return rows.map(readableEvent(db));
}
