import type { TimelineEvent } from '../../contract';

const TIME_FIELDS = new Set(['detectedAt', 'triagedAt', 'containedAt', 'eradicatedAt', 'recoveredAt', 'closedAt']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SupersededStamp {
  /** The incident field whose time this event set (`eradicatedAt`). */
  field: string;
  /** The time it set. */
  at: string;
  /** The move back that set it aside. */
  bySeq: number;
  byTs: string;
}

/**
 * Which events set a phase time that a later move back set aside (`superseded` in an
 * `incident.status_changed`), so the timeline can mark them: the time they recorded is kept, but
 * is no longer the incident's. A time is matched to the last event that set that field to that
 * value: the stamp of a move, an edit (or runbook input), or the declaration.
 */
export function supersededStamps(events: readonly TimelineEvent[]): Map<number, SupersededStamp[]> {
  const setBy = new Map<string, { seq: number; value: string }>();
  const marks = new Map<number, SupersededStamp[]>();
  const set = (field: string, value: unknown, seq: number): void => {
    if (!TIME_FIELDS.has(field)) return;
    if (typeof value === 'string') setBy.set(field, { seq, value });
    else setBy.delete(field);
  };
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const d = e.data;
    if (e.type === 'incident.created' && isRecord(d.fields)) {
      for (const [field, value] of Object.entries(d.fields)) set(field, value, e.seq);
    } else if (e.type === 'incident.updated' && Array.isArray(d.changes)) {
      for (const c of d.changes) if (isRecord(c) && typeof c.field === 'string') set(c.field, c.after, e.seq);
    } else if (e.type === 'incident.status_changed') {
      if (isRecord(d.stamped)) for (const [field, value] of Object.entries(d.stamped)) set(field, value, e.seq);
      if (isRecord(d.superseded)) {
        for (const [field, value] of Object.entries(d.superseded)) {
          const origin = setBy.get(field);
          if (origin && origin.value === value) {
            marks.set(origin.seq, [...(marks.get(origin.seq) ?? []), { field, at: origin.value, bySeq: e.seq, byTs: e.ts }]);
          }
          setBy.delete(field);
        }
      }
    }
  }
  return marks;
}
