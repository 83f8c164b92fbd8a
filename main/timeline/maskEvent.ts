import { PII_FIELDS, type TimelineEvent } from '../../contract';

const PII = new Set<string>(PII_FIELDS);

/**
 * Hides personal data inside events for roles without `pii:read`: before/after values of PII
 * field changes and PII fields of a created record. The hash is kept so the chain still shows.
 */
export function maskEvent(event: TimelineEvent): TimelineEvent {
  const data = event.data;
  let masked: Record<string, unknown> | null = null;
  if (Array.isArray(data.changes)) {
    masked = {
      ...data,
      changes: (data.changes as { field: string }[]).map((c) =>
        PII.has(c.field) ? { field: c.field, before: null, after: null, redacted: true } : c,
      ),
    };
  }
  if (data.fields && typeof data.fields === 'object') {
    const fields = { ...(data.fields as Record<string, unknown>) };
    for (const f of PII_FIELDS) if (f in fields) fields[f] = null;
    masked = { ...(masked ?? data), fields, redacted: PII_FIELDS.filter((f) => f in (data.fields as object)) };
  }
  // A runbook input marked personal (a name, a mailbox): its value is hidden like a PII field.
  if (data.personal === true && 'value' in data) masked = { ...(masked ?? data), value: null, redacted: ['value'] };
  return masked ? { ...event, data: masked } : event;
}
