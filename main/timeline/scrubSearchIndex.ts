import { PiiScrubber, type TimelineEvent } from '../../contract';
import { personalOpener } from '../pii';
import { addPersonalValues, personalScrubber, PERSONAL_EVENTS_SQL, rescrubEvents, rescrubIncident, type Db } from '../store';

/** The schema step from which the search indexes are scrubbed (main/store/migrations/0241). */
const SCRUBBED_FROM = 241;
/** Incidents whose scrubbers a connection keeps: enough for the ones being worked on. */
const KEPT = 128;

interface Kept {
  scrubber: PiiScrubber;
  /** The scrubber holds every personal value of the incident recorded up to this event. */
  seq: number;
  hash: string;
}

const prepare = (db: Db, sql: string) => db.prepare<unknown[]>(sql);
type Statement = ReturnType<typeof prepare>;
interface PerDb {
  version: Statement;
  hashAt: Statement;
  personalBetween: Statement;
  kept: Map<string, Kept>;
}
const perDb = new WeakMap<Db, PerDb>();
function stateOf(db: Db): PerDb {
  let s = perDb.get(db);
  if (!s) {
    s = {
      version: prepare(db, 'PRAGMA user_version').pluck(),
      hashAt: prepare(db, 'SELECT hash FROM events WHERE seq = ?').pluck(),
      personalBetween: prepare(db, `SELECT 1 FROM events WHERE incident_ref = ? AND seq > ? AND seq < ? AND ${PERSONAL_EVENTS_SQL} LIMIT 1`).pluck(),
      kept: new Map(),
    };
    perDb.set(db, s);
  }
  return s;
}

/**
 * Keeps the search indexes to what a role without `pii:read` is shown of the incident an event
 * belongs to (main/store searchIndex): called by appendEvent right after the event is written,
 * in its transaction. An event that records personal values (a declaration or change of a
 * personal field, a personal runbook answer) re-indexes every event of its incident that holds
 * one of them, and its title and tags; any other event of an incident that has personal values
 * is indexed masked, and a declaration or change re-indexes the title and tags.
 */
export function scrubSearchIndex(db: Db, event: TimelineEvent): void {
  const ref = event.incidentRef;
  if (!ref) return;
  const state = stateOf(db);
  if ((state.version.get() as number) < SCRUBBED_FROM) return;
  const own = new PiiScrubber();
  // The event's personal values are envelopes (migration 300): opened where this process holds the
  // personal-data key. Where it does not, the scrubber is blind and the incident's text is indexed
  // withheld, never as typed; rescrubWithheldSearch indexes it masked once a holder signs in.
  addPersonalValues(own, event.type, event.data, personalOpener(db));
  const recordsValues = own.size > 0 || own.isBlind;
  const scrubber = scrubberFor(db, state, ref, event, recordsValues);
  if (scrubber.size === 0 && !scrubber.isBlind) return;
  rescrubEvents(db, ref, scrubber, recordsValues ? undefined : event.seq);
  if (recordsValues || event.type === 'incident.created' || event.type === 'incident.updated') rescrubIncident(db, ref, scrubber);
}

/**
 * The incident's scrubber up to this event. A kept one (not blind) serves while nothing came between: the
 * event it was built at is still in the log unchanged (a transaction rolled back takes it away)
 * and no personal values of the incident were recorded since (by another connection or process).
 */
function scrubberFor(db: Db, state: PerDb, ref: string, event: TimelineEvent, recordsValues: boolean): PiiScrubber {
  const kept = state.kept.get(ref);
  if (
    // A blind one is not kept for long: the personal-data key may be held here since.
    kept && !recordsValues && !kept.scrubber.isBlind && kept.seq < event.seq &&
    state.hashAt.get(kept.seq) === kept.hash &&
    state.personalBetween.get(ref, kept.seq, event.seq) === undefined
  ) {
    state.kept.delete(ref);
    state.kept.set(ref, { ...kept, seq: event.seq, hash: event.hash });
    return kept.scrubber;
  }
  const scrubber = personalScrubber(db, ref, event.seq, personalOpener(db));
  state.kept.delete(ref);
  state.kept.set(ref, { scrubber, seq: event.seq, hash: event.hash });
  // A Map iterates in insertion order: the first key is the incident least recently appended to.
  if (state.kept.size > KEPT) state.kept.delete(state.kept.keys().next().value!);
  return scrubber;
}
