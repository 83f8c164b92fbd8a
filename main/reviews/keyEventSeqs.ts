import type { Db } from '../store';

/** The event types that mark and unmark a key event; the mark names the starred event's `seq`. */
export const STAR_TYPES = ['event.starred', 'event.unstarred'] as const;

/**
 * The sequence numbers of an incident's key events, ascending: folded from its star and unstar
 * events in log order, so the set is derived from the log and nothing else (the starred events
 * themselves are never touched).
 */
export function keyEventSeqs(db: Db, ref: string): number[] {
  const marks = db
    .prepare(`SELECT type, json_extract(data, '$.seq') AS seq FROM events
              WHERE incident_ref = ? AND type IN ('event.starred', 'event.unstarred') ORDER BY seq`)
    .all(ref) as { type: (typeof STAR_TYPES)[number]; seq: number }[];
  const starred = new Set<number>();
  for (const m of marks) {
    if (m.type === 'event.starred') starred.add(m.seq);
    else starred.delete(m.seq);
  }
  return [...starred].sort((a, b) => a - b);
}
