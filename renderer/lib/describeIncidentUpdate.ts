import type { EventDescription } from './describeEvent';
import { describeTimeOrderOverride } from './describePhaseEvent';
import { formatDateTime } from './formatDateTime';
import { joinBodies } from './joinBodies';
import { mappedCodes } from './mappedCodes';
import { readChanges } from './readChanges';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changed fields' names and new values, from either shape `changes` is recorded in (a list, or a map of from/to). */
function changedFields(d: Record<string, unknown>): { field: string; after: unknown }[] {
  if (Array.isArray(d.changes)) return d.changes.filter(isRecord).filter((c) => typeof c.field === 'string').map((c) => ({ field: c.field as string, after: c.after }));
  if (isRecord(d.changes)) return Object.entries(d.changes).filter(([, c]) => isRecord(c)).map(([field, c]) => ({ field, after: (c as Record<string, unknown>).after ?? (c as Record<string, unknown>).to }));
  return [];
}

/**
 * `incident.updated`: "Updated title, severity", and the changes that mean more than a new value
 * said in words — "compromise start set to 10 Mar 2026, 08:00" (or "… set to unknown"), "marked as
 * exercise", "no longer marked as an exercise" — with each change's before and after below, and
 * the reason (issue 12 §1), a time-order override and codes read as ISO 3166 as the body.
 */
export function describeIncidentUpdate(d: Record<string, unknown>, base: EventDescription): EventDescription {
  const changes = readChanges(d);
  const plain: string[] = [];
  const said: string[] = [];
  changedFields(d).forEach((c, i) => {
    if (c.field === 'startedAt') said.push(typeof c.after === 'string' ? `compromise start set to ${formatDateTime(c.after)}` : 'compromise start set to unknown');
    else if (c.field === 'exercise') said.push(c.after === true ? 'marked as exercise' : 'no longer marked as an exercise');
    else plain.push((changes[i]?.field ?? c.field).toLowerCase());
  });
  const text = [...(plain.length ? [`updated ${plain.join(', ')}`] : []), ...said].join('; ') || 'updated the incident';
  const reason = typeof d.reason === 'string' && d.reason.trim() !== '' ? `Reason: ${d.reason}` : null;
  return {
    ...base,
    summary: text.charAt(0).toUpperCase() + text.slice(1),
    changes,
    body: joinBodies(reason, describeTimeOrderOverride(d), mappedCodes(d)),
  };
}
