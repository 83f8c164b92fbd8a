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

/**
 * Opens a personal value as stored (since migration 300 an envelope sealed per incident, main/pii)
 * for `field`: the value, or why it cannot be read. A plain value comes back as it is. Given by
 * main/pii's callers (the store knows no keys): without it values are taken as they are stored.
 */
export type PersonalOpener = (field: string, value: unknown) => { ok: true; value: unknown } | { ok: false; why: 'erased' | 'locked' };

/**
 * Adds one stored value to `scrubber`, opened by `open`. A value sealed to a key this process does
 * not hold cannot be masked where it is typed, so the scrubber goes blind (PiiScrubber.blind: every
 * text withheld); an erased value is gone and masks nothing.
 */
function addOpened(scrubber: PiiScrubber, field: string, value: unknown, open?: PersonalOpener): void {
  if (!open) return scrubber.add(value);
  const r = open(field, value);
  if (r.ok) scrubber.add(r.value);
  else if (r.why === 'locked') scrubber.blind();
}

/**
 * The field a runbook answer marked personal is sealed for (its envelope's AAD, main/pii): bound to
 * the run and the step, so an answer cannot be moved to another step or run. Migration 0310 keeps
 * its own copy of this format.
 */
export const runbookAnswerField = (run: unknown, step: unknown): string => `runbook:${String(run)}:${String(step)}`;

/** Adds the personal values one event records (see PERSONAL_EVENTS_SQL) to `scrubber`, opened by `open` where sealed. */
export function addPersonalValues(scrubber: PiiScrubber, type: string, data: unknown, open?: PersonalOpener): void {
  if (!isRecord(data)) return;
  if (type === 'incident.created' && isRecord(data.fields)) {
    for (const f of PERSONAL_FIELDS) addOpened(scrubber, f, data.fields[f], open);
  } else if (type === 'incident.updated') {
    const list = Array.isArray(data.changes) ? data.changes.filter(isRecord) : [];
    for (const c of list) {
      if (typeof c.field === 'string' && PERSONAL_FIELDS.has(c.field)) {
        addOpened(scrubber, c.field, c.before, open);
        addOpened(scrubber, c.field, c.after, open);
      }
    }
  } else if (type === 'runbook.step_done' && data.personal === true) {
    addOpened(scrubber, runbookAnswerField(data.run, data.step), data.value, open);
  }
}

/** A personal column as stored: an envelope's JSON text (migration 300), or a plain value. */
function column(text: string | null, json: boolean): unknown {
  if (text === null) return null;
  if (text.startsWith('{"')) {
    try {
      const v = JSON.parse(text) as unknown;
      if (isRecord(v)) return v;
    } catch {
      // A plain value that only looks like JSON.
    }
  }
  return json ? (JSON.parse(text) as unknown) : text;
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
 * Since migration 300 those pass `open` (main/pii): where a value is sealed to a key this process
 * does not hold, the scrubber comes back blind (PiiScrubber.isBlind) and withholds every text.
 */
export function personalScrubber(db: Db, ref: string, upTo: number = Number.MAX_SAFE_INTEGER, open?: PersonalOpener): PiiScrubber {
  const scrubber = new PiiScrubber();
  const { page, now: current } = statementsOf(db);
  for (let after = 0; ; ) {
    const rows = page.all(ref, after, upTo) as { seq: number; type: string; data: string }[];
    for (const row of rows) addPersonalValues(scrubber, row.type, JSON.parse(row.data), open);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]?.seq ?? after;
  }
  // The current values too (an incident created before its history recorded them all).
  const now = current.get(ref) as
    | { reporter_name: string | null; reporter_email: string | null; reporter_phone: string | null; affected_people: string | null }
    | undefined;
  if (now) {
    addOpened(scrubber, 'reporterName', column(now.reporter_name, false), open);
    addOpened(scrubber, 'reporterEmail', column(now.reporter_email, false), open);
    addOpened(scrubber, 'reporterPhone', column(now.reporter_phone, false), open);
    addOpened(scrubber, 'affectedPeople', column(now.affected_people ?? '[]', true), open);
  }
  return scrubber;
}
