import type { BoardRow } from '../../contract';
import type { Db } from '../store';
import { assessIncident } from './assessIncident';
import type { RegimeLibrary } from './RegimeLibrary';

/** A row without what changes with the clock or the incident's own title and phase (filled in when read). */
type StoredRow = Omit<BoardRow, 'overdue' | 'title' | 'incidentStatus' | 'exercise'>;

interface IncidentKey {
  ref: string;
  title: string;
  status: string;
  /** 1 for an exercise (read with the title and phase, so a change shows at once). */
  exercise: number;
  /**
   * What the obligations are computed from: the stored facts, data categories and affected counts
   * as they are in the rows (so even an edit made outside the app is seen), and the incident's last
   * event (a notice sent or a decision appends one; a time would not do: two changes in one
   * millisecond, a frozen test clock) other than a deadline alarm: the alarm sweep appends those
   * and they change no obligation, so counting them made the next sweep assess again every
   * incident it had just raised an alarm for (151 breaches: ~0.7–1 s on the backend's event loop).
   */
  version: string;
}

/**
 * The obligations of an incident depend only on its facts and fields, the rules, the notices sent
 * and the decisions — not on the time (deadlines are instants; only "overdue" moves with the clock).
 * The board is read every minute for the alarms and keeps closed incidents, so it would assess every
 * incident ever assessed each time: instead each incident's rows are kept until one of those changes.
 */
type CacheEntry = { version: string; library: RegimeLibrary; rows: StoredRow[] };
const cache = new WeakMap<Db, Map<string, CacheEntry>>();

const KEYS_SQL = `
  SELECT i.ref, i.title, i.status, i.exercise,
         COALESCE((SELECT e.seq FROM events e WHERE e.incident_ref = i.ref AND e.type <> 'notify.deadline_alarm' ORDER BY e.seq DESC LIMIT 1), 0) || char(0) || f.facts || char(0) || i.data_categories || char(0) || i.affected AS version
    FROM breach_facts f JOIN incidents i ON i.ref = f.incident_ref`;

/** Every incident being assessed (a breach-facts record exists), with what its obligations depend on. */
export function assessedIncidents(db: Db): IncidentKey[] {
  // In breach_facts' order (the same refs): SQLite then walks the few assessed incidents, not every incident.
  return db.prepare(`${KEYS_SQL} ORDER BY f.incident_ref`).all() as IncidentKey[];
}

/**
 * One incident's open obligations as deadline-board rows: each stage of each regime that applies or
 * may apply, not yet met by a sent notice and not decided not required — whatever the incident's
 * phase. None for an incident nobody has started to assess (no breach facts recorded): with every
 * fact unknown every regime "may apply", which says nothing yet.
 */
export function openObligations(db: Db, library: RegimeLibrary, ref: string, now: string): BoardRow[] {
  const key = db.prepare(`${KEYS_SQL} WHERE i.ref = ?`).get(ref) as IncidentKey | undefined;
  return key ? obligationsOf(db, library, key, now) : [];
}

/** The rows of an incident whose key was just read: from the cache while nothing they depend on changed. */
export function obligationsOf(db: Db, library: RegimeLibrary, key: IncidentKey, now: string): BoardRow[] {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map<string, CacheEntry>()));
  let entry = perDb.get(key.ref);
  if (!entry || entry.version !== key.version || entry.library !== library) {
    entry = { version: key.version, library, rows: assessRows(db, library, key.ref, now) };
    perDb.set(key.ref, entry);
  }
  const nowMs = Date.parse(now);
  return entry.rows.map((r) => ({ ...r, title: key.title, incidentStatus: key.status, exercise: key.exercise === 1, overdue: r.due !== null && Date.parse(r.due) <= nowMs }));
}

function assessRows(db: Db, library: RegimeLibrary, ref: string, now: string): StoredRow[] {
  const rows: StoredRow[] = [];
  for (const r of assessIncident(db, library, ref, now).regimes) {
    if (!r.open) continue;
    for (const s of r.stages) {
      if (s.met !== null) continue;
      rows.push({
        ref, regimeId: r.regime.id, regimeName: r.regime.name, audience: r.regime.audience, jurisdiction: r.regime.jurisdiction,
        outcome: r.outcome as BoardRow['outcome'], stageId: s.id, stageTitle: s.title, wording: s.wording, status: s.status, due: s.due, waitingFor: s.waitingFor,
      });
    }
  }
  return rows;
}
