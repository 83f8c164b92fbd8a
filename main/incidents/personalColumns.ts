import { PII_FIELDS, type Incident, type IncidentFields, type PiiField } from '../../contract';
import { isEnvelope, openEnvelope, sealerFor, subjectOfIncident, type Envelope } from '../pii';
import type { Db } from '../store';

const PII = new Set<string>(PII_FIELDS);
export const isPiiField = (f: string): f is PiiField => PII.has(f);

/** Nothing to seal: no value (null, or no people). */
export const isEmptyPersonal = (v: unknown): boolean => v === null || v === undefined || (Array.isArray(v) && v.length === 0);

/**
 * The personal fields of an incident as stored (envelopes, main/pii) opened where this process
 * holds their keys; otherwise null / no people, and `personalData` says why.
 */
export function openPersonalFields(db: Db, incident: Omit<Incident, 'phases'>): Omit<Incident, 'phases'> {
  const sealed = PII_FIELDS.filter((f) => isEnvelope(incident[f] as unknown));
  if (sealed.length === 0) return incident;
  const out = { ...incident } as Record<string, unknown>;
  let why: 'erased' | 'withheld' | null = null;
  for (const f of sealed) {
    const r = openEnvelope(db, incident[f] as unknown as Envelope, f);
    if (r.ok) out[f] = r.value;
    else {
      out[f] = f === 'affectedPeople' ? [] : null;
      why = r.why === 'erased' ? 'erased' : (why ?? 'withheld');
    }
  }
  if (why === 'erased') {
    const s = subjectOfIncident(db, incident.ref);
    out.personalData = { state: 'erased', at: s?.shreddedAt ?? '', by: s?.shreddedBy ?? '', reason: s?.reason ?? '' };
  } else if (why === 'withheld') {
    out.personalData = { state: 'withheld' };
  }
  return out as Omit<Incident, 'phases'>;
}

/**
 * The personal values of `fields` sealed for storage and for the log (an envelope in place of
 * each non-empty value); other fields as given. The same envelope goes to the table and to the
 * event, so the log's hash covers exactly what the table holds.
 */
export function sealPersonal<T extends Partial<IncidentFields>>(db: Db, ref: string, fields: T, now: string): T {
  const present = PII_FIELDS.filter((f) => f in fields && !isEmptyPersonal(fields[f]));
  if (present.length === 0) return fields;
  const seal = sealerFor(db, ref, now);
  const out = { ...fields } as Record<string, unknown>;
  for (const f of present) out[f] = seal(f, fields[f]);
  return out as T;
}

/** A change to a personal field as the log keeps it: each non-empty side an envelope of that field. */
export function sealChange(db: Db, ref: string, change: { field: PiiField; before: unknown; after: unknown }, now: string): { field: PiiField; before: unknown; after: unknown } {
  const sides = [change.before, change.after].filter((v) => !isEmptyPersonal(v));
  if (sides.length === 0) return change;
  const seal = sealerFor(db, ref, now);
  const side = (v: unknown): unknown => (isEmptyPersonal(v) ? v : seal(change.field, v));
  return { field: change.field, before: side(change.before), after: side(change.after) };
}
