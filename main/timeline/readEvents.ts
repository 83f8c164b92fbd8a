import type { TimelineEvent } from '../../contract';
import type { Db } from '../store';
import { readableEvent } from './readableEvent';
import type { EventRow } from './rowToEvent';

/** Rows per query: well under SQLite's limit on bound parameters, and a bounded result each time. */
const CHUNK = 500;

/** The events with these sequence numbers, in sequence order; numbers with no event are left out. */
export function readEvents(db: Db, seqs: readonly number[]): TimelineEvent[] {
  const sorted = [...new Set(seqs)].sort((a, b) => a - b);
  const out: TimelineEvent[] = [];
  const read = db.prepare('SELECT e.* FROM json_each(?) j JOIN events e ON e.seq = j.value ORDER BY e.seq');
  const readable = readableEvent(db);
  for (let i = 0; i < sorted.length; i += CHUNK) {
    for (const row of read.all(JSON.stringify(sorted.slice(i, i + CHUNK))) as EventRow[]) out.push(readable(row));
  }
  return out;
}
