import {
  ApiFailure, PHASE_TIMESTAMP, STATUSES, normalizeAffectedCounts, type Incident, type IncidentFields, type IncidentStatus, type JurisdictionMapping,
  type TimelineEvent,
} from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { findUser } from '../auth';
import { FIELD_COLUMNS } from './columns';
import { rowToIncident, type IncidentRowRecord } from './rowToIncident';

const DEFAULTS: Omit<IncidentFields, 'title' | 'severity' | 'category' | 'detectedAt'> = {
  summary: '', owner: null, tags: [], triagedAt: null, containedAt: null, eradicatedAt: null, recoveredAt: null,
  closedAt: null, dataCategories: [], affected: [], reporterName: null, reporterEmail: null, reporterPhone: null, affectedPeople: [],
};

const rank = (s: IncidentStatus): number => STATUSES.indexOf(s);

export function findIncident(db: Db, ref: string): Incident | null {
  const row = db.prepare('SELECT * FROM incidents WHERE ref = ?').get(ref) as IncidentRowRecord | undefined;
  return row ? rowToIncident(row) : null;
}

export function getIncident(db: Db, ref: string): Incident {
  const i = findIncident(db, ref);
  if (!i) throw new ApiFailure('NOT_FOUND', `no incident ${ref}`);
  return i;
}

function assertOwner(db: Db, owner: string | null | undefined): void {
  if (owner && !findUser(db, owner)) throw new ApiFailure('VALIDATION', `owner: no user named ${owner}`, { issues: [`owner: no user named ${owner}`] });
}

/** IR-<year>-<4+ digits>, numbered per year of detection… of creation, so numbers never repeat. */
function nextRef(db: Db, year: number): string {
  const row = db
    .prepare('INSERT INTO incident_counters (year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last')
    .get(year) as { last: number };
  return `IR-${year}-${String(row.last).padStart(4, '0')}`;
}

export function createIncident(
  db: Db,
  actor: string,
  input: Partial<IncidentFields> & Pick<IncidentFields, 'title' | 'severity' | 'category'>,
  now: string,
): Incident {
  assertOwner(db, input.owner);
  const { fields: given, mapped } = withCodes({ ...DEFAULTS, detectedAt: now, ...input });
  const fields: IncidentFields = given;
  return db.transaction(() => {
    const ref = nextRef(db, Number(now.slice(0, 4)));
    const cols = Object.values(FIELD_COLUMNS).map((c) => c.column);
    const vals = (Object.keys(FIELD_COLUMNS) as (keyof IncidentFields)[]).map((f) => toColumn(f, fields[f]));
    db.prepare(
      `INSERT INTO incidents (ref, status, status_rank, created_at, created_by, updated_at, ${cols.join(', ')})
       VALUES (?, 'detected', 0, ?, ?, ?, ${cols.map(() => '?').join(', ')})`,
    ).run(ref, now, actor, now, ...vals);
    appendEvent(db, { actor, type: 'incident.created', incidentRef: ref, ts: now, data: { fields, ...(mapped.length ? { mapped } : {}) } });
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
  return FIELD_COLUMNS[field].json ? JSON.stringify(value ?? []) : (value ?? null);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Applies only the fields that really change; each change is recorded with before and after. */
export function updateIncident(db: Db, actor: string, ref: string, given: Partial<IncidentFields>, now: string): Incident {
  assertOwner(db, given.owner);
  const { fields: patch, mapped } = withCodes(given);
  return db.transaction(() => {
    const current = getIncident(db, ref);
    const changes = (Object.keys(patch) as (keyof IncidentFields)[])
      .filter((f) => patch[f] !== undefined && !same(current[f], patch[f]))
      .map((field) => ({ field, before: current[field], after: patch[field] }));
    if (changes.length === 0) return current;
    const sets = changes.map((c) => `${FIELD_COLUMNS[c.field].column} = ?`);
    db.prepare(`UPDATE incidents SET ${sets.join(', ')}, updated_at = ? WHERE ref = ?`).run(
      ...changes.map((c) => toColumn(c.field, c.after)),
      now,
      ref,
    );
    // A mapping matters only when the counts changed (UK 85 over a stored GB 85 changes nothing).
    const used = changes.some((c) => c.field === 'affected') ? mapped : [];
    appendEvent(db, { actor, type: 'incident.updated', incidentRef: ref, ts: now, data: { changes, ...(used.length ? { mapped: used } : {}) } });
    return getIncident(db, ref);
  }).immediate();
}

/**
 * Moves through the phases. Forward moves stamp the phase's timestamp if it is not set yet;
 * a move back (re-opening) needs a reason, because it changes what the KPIs will say.
 */
export function setIncidentStatus(db: Db, actor: string, ref: string, status: IncidentStatus, reason: string | undefined, now: string): Incident {
  return db.transaction(() => {
    const current = getIncident(db, ref);
    if (current.status === status) throw new ApiFailure('CONFLICT', `${ref} is already ${status}`);
    const backward = rank(status) < rank(current.status);
    if (backward && !reason) {
      throw new ApiFailure('VALIDATION', `moving ${ref} back from ${current.status} to ${status} needs a reason`, { issues: ['reason: required when moving back a phase'] });
    }
    const stampField = PHASE_TIMESTAMP[status];
    const stamp = !backward && stampField && current[stampField] === null ? { [stampField]: now } : {};
    const stampSql = Object.keys(stamp).map((f) => `, ${FIELD_COLUMNS[f as keyof IncidentFields].column} = ?`).join('');
    db.prepare(`UPDATE incidents SET status = ?, status_rank = ?, updated_at = ?${stampSql} WHERE ref = ?`).run(
      status, rank(status), now, ...Object.values(stamp), ref,
    );
    appendEvent(db, {
      actor, type: 'incident.status_changed', incidentRef: ref, ts: now,
      data: { from: current.status, to: status, ...(reason ? { reason } : {}), ...(Object.keys(stamp).length ? { stamped: stamp } : {}) },
    });
    return getIncident(db, ref);
  }).immediate();
}

export function addIncidentNote(db: Db, actor: string, ref: string, text: string, now: string): TimelineEvent {
  return db.transaction(() => {
    getIncident(db, ref);
    db.prepare('UPDATE incidents SET updated_at = ? WHERE ref = ?').run(now, ref);
    return appendEvent(db, { actor, type: 'incident.note', incidentRef: ref, ts: now, data: { text } });
  }).immediate();
}
