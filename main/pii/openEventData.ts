import { PII_FIELDS } from '../../contract';
import { runbookAnswerField, type Db } from '../store';
import { isEnvelope, openEnvelope } from './envelopes';

const PII = new Set<string>(PII_FIELDS);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An event's data with its personal values opened where this process holds their keys: the
 * fields of `incident.created`, the before/after of a personal field in `incident.updated`, the
 * value of a runbook answer marked personal (`runbook.step_done` with `personal: true`). A
 * value that cannot be opened becomes null, and the data says why (`personalData`: `erased`, or
 * `withheld` when the key is not held here). The stored data, which the hash covers, is unchanged.
 */
export function openEventData(db: Db, data: Record<string, unknown>): Record<string, unknown> {
  let why: 'erased' | 'withheld' | null = null;
  const open = (v: unknown, field: string): unknown => {
    if (!isEnvelope(v)) return v;
    const r = openEnvelope(db, v, field);
    if (r.ok) return r.value;
    why = r.why === 'erased' ? 'erased' : (why ?? 'withheld');
    return null;
  };
  let out = data;
  if (isRecord(data.fields) && PII_FIELDS.some((f) => isEnvelope((data.fields as Record<string, unknown>)[f]))) {
    const fields = { ...data.fields };
    for (const f of PII_FIELDS) if (f in fields) fields[f] = open(fields[f], f);
    out = { ...out, fields };
  }
  if (Array.isArray(data.changes) && data.changes.some((c) => isRecord(c) && PII.has(String(c.field)) && (isEnvelope(c.before) || isEnvelope(c.after)))) {
    out = {
      ...out,
      changes: data.changes.map((c: unknown) =>
        isRecord(c) && typeof c.field === 'string' && PII.has(c.field) ? { ...c, before: open(c.before, c.field), after: open(c.after, c.field) } : c,
      ),
    };
  }
  if (isPersonalAnswer(data)) out = { ...out, value: open(data.value, runbookAnswerField(data.run, data.step)) };
  return why === null ? out : { ...out, personalData: why };
}

/** A runbook answer marked personal, sealed (main/runbooks runStore). */
const isPersonalAnswer = (data: Record<string, unknown>): boolean => data.personal === true && isEnvelope(data.value);

/** Whether the data holds any envelope (a personal value sealed, opened or not). */
export function holdsEnvelopes(data: Record<string, unknown>): boolean {
  if (isRecord(data.fields) && PII_FIELDS.some((f) => isEnvelope((data.fields as Record<string, unknown>)[f]))) return true;
  if (isPersonalAnswer(data)) return true;
  return Array.isArray(data.changes) && data.changes.some((c) => isRecord(c) && (isEnvelope(c.before) || isEnvelope(c.after)));
}
