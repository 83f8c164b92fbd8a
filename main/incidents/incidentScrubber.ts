import { PII_FIELDS } from '../../contract';
import { openEventData } from '../pii';
import type { Db } from '../store';
import { findIncident } from './incidentStore';
import { maskedCopyOf } from './maskedCopies';
import { PiiScrubber } from './PiiScrubber';

const PAGE = 500;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PERSONAL_FIELDS = new Set<string>(PII_FIELDS);

/**
 * A scrubber for one incident's text: every value its personal fields ever held (the declaration,
 * each change's before and after, and the values now) and every value given to a runbook input
 * marked personal, read one page at a time. `upTo` stops at a sequence number (a report describes
 * the log up to its anchor); by default the whole log.
 */
export function incidentScrubber(db: Db, ref: string, upTo: number = Number.MAX_SAFE_INTEGER): PiiScrubber {
  const scrubber = new PiiScrubber();
  let blind = false;
  const page = db.prepare(
    `SELECT seq, type, data FROM events
      WHERE incident_ref = ? AND seq > ? AND seq <= ?
        AND (type IN ('incident.created', 'incident.updated') OR (type = 'runbook.step_done' AND json_extract(data, '$.personal') = 1))
      ORDER BY seq LIMIT ${PAGE}`,
  );
  for (let after = 0; ; ) {
    const rows = page.all(ref, after, upTo) as { seq: number; type: string; data: string }[];
    for (const row of rows) {
      // Sealed values opened where this process holds their keys; where it does not, the scrubber
      // cannot know them and withholds every text whole (PiiScrubber.blind). Erased values are gone.
      const data = openEventData(db, JSON.parse(row.data) as Record<string, unknown>);
      if (data.personalData === 'withheld') blind = true;
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
  // The current values too (an incident created before its history recorded them all).
  const now = findIncident(db, ref);
  if (now?.personalData?.state === 'withheld') blind = true;
  // Sealed values this process cannot open: texts show their masked copies (maskedCopies.ts) or are withheld whole.
  if (blind) scrubber.blind(maskedCopyOf(db, ref));
  if (now) for (const v of [now.reporterName, now.reporterEmail, now.reporterPhone, ...now.affectedPeople]) scrubber.add(v);
  return scrubber;
}
