import {
  ApiFailure, PHASE_TIME_FIELD, SEVERITIES, STATUSES, TIME_POINTS, TIME_POINT_FIELD, normalizeAffectedCounts,
  type Incident, type IncidentFields, type IncidentStatus, type JurisdictionMapping, type OpenItem, type Severity, type TimePoint, type TimePointField, type TimelineEvent,
} from '../../contract';
import type { Db } from '../store';
type Statement = ReturnType<Db['prepare']>;
import { appendEvent } from '../timeline';
import { findUser } from '../auth';
import { checkTimeOrder } from './checkTimeOrder';
import { FIELD_COLUMNS } from './columns';
import { forgetMaskedCopies } from './maskedCopies';
import { isPiiField, openPersonalFields, sealChange, sealPersonal } from './personalColumns';
import { phasesOf, type SupersededRow } from './phasesOf';
import { rowToIncident, type IncidentRowRecord } from './rowToIncident';
import type { PhaseTimes } from './timeOrderConflicts';

const DEFAULTS: Omit<IncidentFields, 'title' | 'severity' | 'category' | 'detectedAt'> = {
  startedAt: null, exercise: false, summary: '', owner: null, tags: [], triagedAt: null, containedAt: null, eradicatedAt: null, recoveredAt: null,
  closedAt: null, dataCategories: [], affected: [], reporterName: null, reporterEmail: null, reporterPhone: null, affectedPeople: [],
};

const rank = (s: IncidentStatus): number => STATUSES.indexOf(s);
const PHASE_OF_FIELD = new Map<string, IncidentStatus>(STATUSES.map((s) => [PHASE_TIME_FIELD[s], s]));
const timesOf = (fields: Pick<IncidentFields, TimePointField>): PhaseTimes =>
  Object.fromEntries(TIME_POINTS.map((p) => [p, fields[TIME_POINT_FIELD[p]]])) as PhaseTimes;
/** SEV1 is the most severe: a lower index in SEVERITIES is higher. */
const moreSevere = (a: Severity, b: Severity): Severity => (SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b);
const list = (phases: readonly string[]): string =>
  phases.length <= 1 ? (phases[0] ?? '') : `${phases.slice(0, -1).join(', ')} and ${phases.at(-1)!}`;

/** The two reads of findIncident, prepared once per connection: every incident write reads the incident before and after. */
const reads = new WeakMap<Db, { row: Statement; superseded: Statement }>();
function readsOf(db: Db): { row: Statement; superseded: Statement } {
  let r = reads.get(db);
  if (!r) {
    r = {
      row: db.prepare('SELECT * FROM incidents WHERE ref = ?'),
      superseded: db.prepare(
        `SELECT phase, at, superseded_at AS supersededAt, superseded_by AS supersededBy, reason, event_seq AS eventSeq
         FROM incident_superseded_times WHERE incident_ref = ? ORDER BY id`,
      ),
    };
    reads.set(db, r);
  }
  return r;
}

export function findIncident(db: Db, ref: string): Incident | null {
  const { row: byRef, superseded: supersededOf } = readsOf(db);
  const row = byRef.get(ref) as IncidentRowRecord | undefined;
  if (!row) return null;
  const incident = openPersonalFields(db, rowToIncident(row));
  return { ...incident, phases: phasesOf(incident, supersededOf.all(ref) as SupersededRow[]) };
}

export function getIncident(db: Db, ref: string): Incident {
  const i = findIncident(db, ref);
  if (!i) throw new ApiFailure('NOT_FOUND', `no incident ${ref}`);
  return i;
}

/** A new owner must be someone who can work on it: a disabled user keeps what they owned, but is given nothing new. */
function assertOwner(db: Db, owner: string | null | undefined, current?: string | null): void {
  if (!owner || owner === current) return;
  const user = findUser(db, owner);
  if (!user) throw new ApiFailure('VALIDATION', `owner: no user named ${owner}`, { issues: [`owner: no user named ${owner}`] });
  if (user.status === 'disabled') {
    const message = `owner: ${owner} is disabled and cannot take on an incident; choose someone active (or enable ${owner} first)`;
    throw new ApiFailure('VALIDATION', message, { issues: [message] });
  }
}

/** IR-<year>-<4+ digits>, numbered per year of detection… of creation, so numbers never repeat. */
function nextRef(db: Db, year: number): string {
  const row = db
    .prepare('INSERT INTO incident_counters (year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last')
    .get(year) as { last: number };
  return `IR-${year}-${String(row.last).padStart(4, '0')}`;
}

/** Times given at creation for later phases are recorded ahead (contract/phases.ts); all of them must be in order. */
export function createIncident(
  db: Db,
  actor: string,
  input: Partial<IncidentFields> & Pick<IncidentFields, 'title' | 'severity' | 'category'>,
  now: string,
  overrideTimeOrder?: string,
): Incident {
  assertOwner(db, input.owner);
  const { fields: given, mapped } = withCodes({ ...DEFAULTS, detectedAt: now, ...input });
  const fields: IncidentFields = given;
  const override = checkTimeOrder(timesOf(fields), new Set(TIME_POINTS), overrideTimeOrder);
  return db.transaction(() => {
    const ref = nextRef(db, Number(now.slice(0, 4)));
    // Personal values as envelopes, in the table and in the event alike (main/pii).
    const stored = sealPersonal(db, ref, fields, now);
    const cols = Object.values(FIELD_COLUMNS).map((c) => c.column);
    const vals = (Object.keys(FIELD_COLUMNS) as (keyof IncidentFields)[]).map((f) => toColumn(f, stored[f]));
    db.prepare(
      `INSERT INTO incidents (ref, status, status_rank, created_at, created_by, updated_at, highest_severity, search_title, search_tags, ${cols.join(', ')})
       VALUES (?, 'detected', 0, ?, ?, ?, ?, ?, ?, ${cols.map(() => '?').join(', ')})`,
    // Searched as written until the incident.created event masks its personal values (migration 0241):
    // given here, the row is indexed once instead of twice.
    ).run(ref, now, actor, now, fields.severity, fields.title, toColumn('tags', fields.tags), ...vals);
    appendEvent(db, {
      actor, type: 'incident.created', incidentRef: ref, ts: now,
      data: { fields: stored, ...(override ? { timeOrderOverride: override } : {}), ...(mapped.length ? { mapped } : {}) },
    });
    return getIncident(db, ref);
  }).immediate();
}

/**
 * Affected counts given with an alias (UK) are stored under its code (GB); the mapping goes into
 * the event, so the log shows what was typed and what it was read as.
 */
function withCodes<T extends Partial<IncidentFields>>(fields: T): { fields: T; mapped: JurisdictionMapping[] } {
  if (fields.affected === undefined) return { fields, mapped: [] };
  const { rows, mapped } = normalizeAffectedCounts(fields.affected);
  return { fields: { ...fields, affected: rows }, mapped };
}

function toColumn(field: keyof IncidentFields, value: unknown): unknown {
  const { json, bool, sealed } = FIELD_COLUMNS[field];
  if (sealed && typeof value === 'object' && value !== null && !Array.isArray(value)) return JSON.stringify(value);
  return json ? JSON.stringify(value ?? []) : bool ? (value === true ? 1 : 0) : (value ?? null);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies only the fields that really change; each change is recorded with before and after.
 * Jurisdiction aliases (UK) are stored as their ISO code (GB), the mapping in the event.
 * Phase times: a phase the incident has reached keeps a time (it can be corrected, not removed —
 * a move back is what sets times aside), and changed times must be in order with the others
 * unless `opts.overrideTimeOrder` says why not. A time given to a skipped phase makes it reached.
 * `opts.causedBy`: a change the system makes as a consequence of someone's action (a runbook undo
 * giving a field its old value back) names that action in the event. `opts.reason`: why (a time
 * corrected from the firewall log, say), recorded in the event with the changes; nothing is
 * recorded when nothing changes.
 */
export function updateIncident(
  db: Db, actor: string, ref: string, given: Partial<IncidentFields>, now: string,
  opts: { causedBy?: Record<string, unknown>; overrideTimeOrder?: string | undefined; reason?: string | undefined } = {},
): Incident {
  const reason = opts.reason?.trim() || undefined;
  const overrideTimeOrder = opts.overrideTimeOrder;
  const { fields: patch, mapped } = withCodes(given);
  return db.transaction(() => {
    const current = getIncident(db, ref);
    assertOwner(db, given.owner, current.owner);
    const personal = (Object.keys(patch) as (keyof IncidentFields)[]).filter((f) => patch[f] !== undefined && isPiiField(f));
    if (personal.length > 0 && current.personalData) {
      throw new ApiFailure('CONFLICT', current.personalData.state === 'erased'
        ? `the personal data of ${ref} was erased on ${current.personalData.at} by ${current.personalData.by}; it takes no new personal data (${personal.join(', ')})`
        : `${ref}'s personal data (${personal.join(', ')}) cannot be changed here: the personal-data key is not open in this session (a grant pending until an administrator signs in); nothing was changed`);
    }
    const changes = (Object.keys(patch) as (keyof IncidentFields)[])
      .filter((f) => patch[f] !== undefined && !same(current[f], patch[f]))
      .map((field) => ({ field, before: current[field], after: patch[field] }));
    if (changes.length === 0) return current;

    const changedPhases = new Set<TimePoint>();
    const removed: string[] = [];
    for (const c of changes) {
      // The start may become unknown again (null): it is an estimate, not a phase the incident reached.
      if (c.field === 'startedAt') changedPhases.add('started');
      const phase = PHASE_OF_FIELD.get(c.field);
      if (phase === undefined) continue;
      changedPhases.add(phase);
      if (c.after === null && rank(phase) <= rank(current.status)) {
        removed.push(`${c.field}: ${ref} has reached ${phase}, so its time can be corrected but not removed (moving the incident back before ${phase} sets it aside)`);
      }
    }
    if (removed.length > 0) throw new ApiFailure('VALIDATION', removed[0]!, { issues: removed });
    const next: Incident = { ...current, ...Object.fromEntries(changes.map((c) => [c.field, c.after])) };
    const override = checkTimeOrder(timesOf(next), changedPhases, overrideTimeOrder);

    const sets = changes.map((c) => `${FIELD_COLUMNS[c.field].column} = ?`);
    // The highest severity only ever rises: it is what the incident reached, whatever it is now.
    const highest = moreSevere(current.highestSeverity, next.severity);
    // Personal values leave as envelopes, in the column and on both sides of the change in the log.
    const logged = changes.map((c) => (isPiiField(c.field) ? { ...sealChange(db, ref, { field: c.field, before: c.before, after: c.after }, now), field: c.field } : c));
    if (changes.some((c) => isPiiField(c.field))) forgetMaskedCopies(db, ref);
    db.prepare(`UPDATE incidents SET ${sets.join(', ')}, highest_severity = ?, updated_at = ? WHERE ref = ?`).run(
      ...logged.map((c) => toColumn(c.field, c.after)),
      highest,
      now,
      ref,
    );
    // A mapping matters only when the counts changed (UK 85 over a stored GB 85 changes nothing).
    const used = changes.some((c) => c.field === 'affected') ? mapped : [];
    appendEvent(db, {
      actor, type: 'incident.updated', incidentRef: ref, ts: now,
      data: { changes: logged, ...(reason ? { reason } : {}), ...(override ? { timeOrderOverride: override } : {}), ...(opts.causedBy ? { causedBy: opts.causedBy } : {}), ...(used.length ? { mapped: used } : {}) },
    });
    return getIncident(db, ref);
  }).immediate();
}

/** A move to another phase and what the caller agreed to (contract/api.ts `incidents.setStatus`). */
export interface StatusMove {
  status: IncidentStatus;
  /** Needed to move back, and to close over open items; recorded either way. */
  reason?: string;
  /** Agrees that phases passed over without a time are recorded as skipped. */
  skipPhases?: boolean;
  /** Why a time out of order is right anyway. */
  overrideTimeOrder?: string;
  /** When closing: what the API found still open (main/api/handlers/openItemsForClosing.ts). */
  openItems?: readonly OpenItem[];
}

/**
 * Moves through the phases (contract/phases.ts).
 * - Forward: the phase reached gets the time of the move unless it has one already (recorded
 *   ahead); phases passed over without a time are refused unless `skipPhases`, then recorded as
 *   skipped (and never given a time by a move). Closing over open items needs a reason.
 * - Back (a reason is required, because it changes what the metrics will say): every later
 *   phase's time is set aside as superseded — kept in its own append-only table and in the event,
 *   no longer the incident's — so reaching the phase again gives it a new time.
 * Refusals change nothing.
 */
export function setIncidentStatus(db: Db, actor: string, ref: string, move: StatusMove, now: string): Incident {
  const { status } = move;
  const reason = move.reason?.trim() || undefined;
  return db.transaction(() => {
    const current = getIncident(db, ref);
    if (current.status === status) throw new ApiFailure('CONFLICT', `${ref} is already ${status}`);
    const from = rank(current.status);
    const to = rank(status);
    const backward = to < from;
    const timeOf = (phase: IncidentStatus) => current[PHASE_TIME_FIELD[phase]];

    if (backward) {
      if (!reason) {
        throw new ApiFailure('VALIDATION', `moving ${ref} back from ${current.status} to ${status} needs a reason`, { issues: ['reason: required when moving back a phase'] });
      }
      const later = STATUSES.slice(to + 1).filter((p) => timeOf(p) !== null);
      const superseded = Object.fromEntries(later.map((p) => [PHASE_TIME_FIELD[p], timeOf(p)]));
      const clearSql = later.map((p) => `, ${FIELD_COLUMNS[PHASE_TIME_FIELD[p]].column} = NULL`).join('');
      db.prepare(`UPDATE incidents SET status = ?, status_rank = ?, updated_at = ?${clearSql} WHERE ref = ?`).run(status, to, now, ref);
      const event = appendEvent(db, {
        actor, type: 'incident.status_changed', incidentRef: ref, ts: now,
        data: { from: current.status, to: status, reason, ...(later.length ? { superseded } : {}) },
      });
      const keep = db.prepare(
        `INSERT INTO incident_superseded_times (incident_ref, phase, at, superseded_at, superseded_by, reason, event_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of later) keep.run(ref, p, timeOf(p), now, actor, reason, event.seq);
      return getIncident(db, ref);
    }

    const skipped = STATUSES.slice(from + 1, to).filter((p) => timeOf(p) === null);
    if (skipped.length > 0 && move.skipPhases !== true) {
      const which = list(skipped);
      throw new ApiFailure(
        'VALIDATION',
        `moving ${ref} from ${current.status} to ${status} passes over ${which}, which ${skipped.length === 1 ? 'has' : 'have'} no time: confirm the skip to record ${skipped.length === 1 ? 'it' : 'them'} as skipped`,
        { issues: [`skipPhases: needed to pass over ${which} (no time recorded)`], skippedPhases: skipped },
      );
    }
    const stampField = PHASE_TIME_FIELD[status];
    const stamped = timeOf(status) === null;
    const override = stamped ? checkTimeOrder({ ...timesOf(current), [status]: now }, new Set([status]), move.overrideTimeOrder) : null;

    const open = status === 'closed' ? (move.openItems ?? []) : [];
    if (open.length > 0 && !reason) {
      throw new ApiFailure(
        'CONFLICT',
        `${ref} still has ${open.length} open ${open.length === 1 ? 'item' : 'items'} (${summarizeOpen(open)}); closing over ${open.length === 1 ? 'it' : 'them'} needs a reason`,
        { openItems: [...open] },
      );
    }

    const stampSql = stamped ? `, ${FIELD_COLUMNS[stampField].column} = ?` : '';
    db.prepare(`UPDATE incidents SET status = ?, status_rank = ?, updated_at = ?${stampSql} WHERE ref = ?`).run(
      status, to, now, ...(stamped ? [now] : []), ref,
    );
    appendEvent(db, {
      actor, type: 'incident.status_changed', incidentRef: ref, ts: now,
      data: {
        from: current.status, to: status,
        ...(reason ? { reason } : {}),
        ...(stamped ? { stamped: { [stampField]: now } } : {}),
        ...(skipped.length ? { skipped } : {}),
        ...(open.length ? { openItems: open } : {}),
        ...(override ? { timeOrderOverride: override } : {}),
      },
    });
    return getIncident(db, ref);
  }).immediate();
}

/** "3 obligations, 1 run, 2 notices": the kinds and counts of open items. */
function summarizeOpen(items: readonly OpenItem[]): string {
  const names: Record<OpenItem['kind'], [string, string]> = {
    obligation: ['unmet obligation', 'unmet obligations'],
    run: ['unfinished runbook run', 'unfinished runbook runs'],
    approval: ['pending approval', 'pending approvals'],
    notice: ['unsent notice', 'unsent notices'],
  };
  return (Object.keys(names) as OpenItem['kind'][])
    .map((k) => [k, items.filter((i) => i.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${names[k][n === 1 ? 0 : 1]}`)
    .join(', ');
}

export function addIncidentNote(db: Db, actor: string, ref: string, text: string, now: string): TimelineEvent {
  return db.transaction(() => {
    getIncident(db, ref);
    db.prepare('UPDATE incidents SET updated_at = ? WHERE ref = ?').run(now, ref);
    return appendEvent(db, { actor, type: 'incident.note', incidentRef: ref, ts: now, data: { text } });
  }).immediate();
}
