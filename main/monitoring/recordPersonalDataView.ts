import { PII_FIELDS, type Incident } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';

/** Views of one incident's personal data by one user within this span are one view in the log. */
export const VIEW_SPAN_MINUTES = 10;

/**
 * Records that `actor` (a role with pii:read) was shown the incident's personal fields
 * (`incident.pii_viewed`, naming the fields, never their values) — for the access report and the
 * personal-data burst rule. Pages refetch an incident on every pushed event: without the span, each
 * refetch would log a view, whose push would cause the next refetch.
 */
export function recordPersonalDataView(db: Db, actor: string, incident: Incident, now: string): boolean {
  const fields = PII_FIELDS.filter((f) => {
    const v = incident[f];
    return Array.isArray(v) ? v.length > 0 : v !== null && v !== '';
  });
  if (fields.length === 0) return false;
  const since = new Date(Date.parse(now) - VIEW_SPAN_MINUTES * 60_000).toISOString();
  const recent = db
    .prepare("SELECT 1 FROM events INDEXED BY events_personal_data_access WHERE type IN ('incident.pii_viewed', 'evidence.viewed', 'evidence.exported') AND actor = ? AND ts > ? AND type = 'incident.pii_viewed' AND incident_ref = ? LIMIT 1")
    .get(actor, since, incident.ref);
  if (recent) return false;
  appendEvent(db, { actor, type: 'incident.pii_viewed', incidentRef: incident.ref, ts: now, data: { fields } });
  return true;
}
