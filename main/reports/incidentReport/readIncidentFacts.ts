import type { Db } from '../../store';
import { PiiScrubber } from './PiiScrubber';

const PAGE = 500;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PERSONAL_FIELDS = new Set(['reporterName', 'reporterEmail', 'reporterPhone', 'affectedPeople']);

export interface IncidentFacts {
  /** Every value the personal fields ever held, and every personal runbook input given. */
  scrubber: PiiScrubber;
}

/**
 * One pass over the incident's declaration, field changes and personal runbook inputs (a page at a
 * time): every personal value it ever held, for masking them wherever they were typed (PiiScrubber).
 */
export function readIncidentFacts(db: Db, ref: string, upTo: number): IncidentFacts {
  const scrubber = new PiiScrubber();
  const page = db.prepare(
    `SELECT seq, type, data FROM events
      WHERE incident_ref = ? AND seq > ? AND seq <= ?
        AND (type IN ('incident.created', 'incident.updated') OR (type = 'runbook.step_done' AND json_extract(data, '$.personal') = 1))
      ORDER BY seq LIMIT ${PAGE}`,
  );
  for (let after = 0; ; ) {
    const rows = page.all(ref, after, upTo) as { seq: number; type: string; data: string }[];
    for (const row of rows) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      if (row.type === 'incident.created' && isRecord(data.fields)) {
        for (const f of PERSONAL_FIELDS) scrubber.add(data.fields[f]);
      } else if (row.type === 'incident.updated') {
        const list = Array.isArray(data.changes) ? data.changes.filter(isRecord) : [];
        for (const c of list) {
          if (typeof c.field === 'string' && PERSONAL_FIELDS.has(c.field)) {
            scrubber.add(c.before);
            scrubber.add(c.after);
          }
        }
      } else {
        scrubber.add(data.value);
      }
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.seq ?? after;
  }
  return { scrubber };
}
