import { PII_FIELDS, PiiScrubber } from '../../contract';
import type { Db } from './openDatabase';

const PAGE = 500;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PERSONAL_FIELDS = new Set<string>(PII_FIELDS);

/**
 * The events that record personal values of an incident: its declaration and field changes, and
 * answers to runbook inputs marked personal. The same condition in every query that looks for
 * them, so SQLite can use one index for it.
 */
export const PERSONAL_EVENTS_SQL = "(type IN ('incident.created', 'incident.updated') OR (type = 'runbook.step_done' AND json_extract(data, '$.personal') = 1))";

/** Adds the personal values one event records (see PERSONAL_EVENTS_SQL) to `scrubber`. */
export function addPersonalValues(scrubber: PiiScrubber, type: string, data: unknown): void {
  if (!isRecord(data)) return;
  if (type === 'incident.created' && isRecord(data.fields)) {
    for (const f of PERSONAL_FIELDS) scrubber.add(data.fields[f]);
  } else if (type === 'incident.updated') {
    const list = Array.isArray(data.changes) ? data.changes.filter(isRecord) : [];
    for (const c of list) {
      if (typeof c.field === 'string' && PERSONAL_FIELDS.has(c.field)) {
        scrubber.add(c.before);
        scrubber.add(c.after);
      }
    }
  } else if (type === 'runbook.step_done' && data.personal === true) {
    scrubber.add(data.value);
  }
}

const prepare = (db: Db, sql: string) => db.prepare<unknown[]>(sql);
/** Prepared once per connection: appendEvent builds a scrubber for most incident events (main/timeline scrubSearchIndex). */
const statements = new WeakMap<Db, { page: ReturnType<typeof prepare>; now: ReturnType<typeof prepare> }>();
function statementsOf(db: Db): { page: ReturnType<typeof prepare>; now: ReturnType<typeof prepare> } {
  let s = statements.get(db);
  if (!s) {
    s = {
      page: prepare(db, `SELECT seq, type, data FROM events WHERE incident_ref = ? AND seq > ? AND seq <= ? AND ${PERSONAL_EVENTS_SQL} ORDER BY seq LIMIT ${PAGE}`),
      now: prepare(db, 'SELECT reporter_name, reporter_email, reporter_phone, affected_people FROM incidents WHERE ref = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * A scrubber for one incident's text: every value its personal fields ever held (the declaration,
 * each change's before and after, and the values now) and every value given to a runbook input
 * marked personal, read one page at a time. `upTo` stops at a sequence number (a report describes
 * the log up to its anchor); by default the whole log.
 *
 * In the store because the search index is built with it (main/timeline scrubSearchIndex, and
 * migration 0241) as well as the API's and the reports' masking (main/incidents incidentScrubber).
 */
export function personalScrubber(db: Db, ref: string, upTo: number = Number.MAX_SAFE_INTEGER): PiiScrubber {
  const scrubber = new PiiScrubber();
  const { page, now: current } = statementsOf(db);
  for (let after = 0; ; ) {
    const rows = page.all(ref, after, upTo) as { seq: number; type: string; data: string }[];
    for (const row of rows) addPersonalValues(scrubber, row.type, JSON.parse(row.data));
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.seq ?? after;
  }
  // The current values too (an incident created before its history recorded them all).
  const now = current.get(ref) as
    | { reporter_name: string | null; reporter_email: string | null; reporter_phone: string | null; affected_people: string | null }
    | undefined;
  if (now) {
    for (const v of [now.reporter_name, now.reporter_email, now.reporter_phone]) scrubber.add(v);
    scrubber.add(JSON.parse(now.affected_people ?? '[]'));
  }
  return scrubber;
}
