import type { FieldChange } from './describeEvent';
import { humanize } from './humanize';
import { showValue } from './showValue';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field names that read better than their humanized key. */
const FIELD_LABEL: Record<string, string> = { startedAt: 'Compromise started' };

/** An event's `changes` (a list of {field, before, after}, or a map of from/to), as people read them; personal data withheld shows as Restricted. */
export function readChanges(data: Record<string, unknown>): FieldChange[] {
  const raw = data.changes;
  const list: { field: string; before: unknown; after: unknown; redacted?: unknown }[] = [];
  if (Array.isArray(raw)) {
    for (const c of raw) if (isRecord(c) && typeof c.field === 'string') list.push({ field: c.field, before: c.before, after: c.after, redacted: c.redacted });
  } else if (isRecord(raw)) {
    for (const [field, c] of Object.entries(raw)) {
      if (isRecord(c)) list.push({ field, before: c.before ?? c.from, after: c.after ?? c.to, redacted: c.redacted });
    }
  }
  return list.map((c) => ({
    field: FIELD_LABEL[c.field] ?? humanize(c.field),
    before: c.redacted === true ? 'Restricted' : showValue(c.before),
    after: c.redacted === true ? 'Restricted' : showValue(c.after),
    redacted: c.redacted === true,
  }));
}
