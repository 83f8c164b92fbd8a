import type { EventPage, TimelineEvent } from '../../contract';
import type { Db } from '../store';
import { rowToEvent, type EventRow } from './rowToEvent';

export function eventsForIncident(db: Db, ref: string): TimelineEvent[] {
  const rows = db.prepare('SELECT * FROM events WHERE incident_ref = ? ORDER BY seq').all(ref) as EventRow[];
  return rows.map(rowToEvent);
}

export interface EventQuery {
  type?: string;
  actor?: string;
  text?: string;
  offset: number;
  limit: number;
}

/** Newest first. `text` is full-text (FTS5) over type, actor and the event data. */
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
  if (q.text && q.text.trim()) {
    where.push('e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)');
    args.push(toFtsQuery(q.text));
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM events e ${clause}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(`SELECT e.* FROM events e ${clause} ORDER BY e.seq DESC LIMIT ? OFFSET ?`)
    .all(...args, q.limit, q.offset) as EventRow[];
  return { total, offset: q.offset, rows: rows.map(rowToEvent) };
}

/** Each word becomes a quoted prefix term, so user text can never be FTS syntax. */
export function toFtsQuery(text: string): string {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/"/g, '""')}"*`)
    .join(' ');
}
