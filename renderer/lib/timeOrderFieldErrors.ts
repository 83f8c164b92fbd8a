import { TIME_POINT_FIELD, type TimeOrderConflict } from '../../contract';
import { formatDateTime } from './formatDateTime';
import { timePointLabel } from './timePointLabel';

/** "Contained 14 Mar 09:15 is before triaged 14 Mar 10:31": a pair of times out of order, in the viewer's zone (the API writes UTC). */
export function timeOrderText(c: TimeOrderConflict): string {
  return `${timePointLabel(c.later)} ${formatDateTime(c.laterAt)} is before ${timePointLabel(c.earlier).toLowerCase()} ${formatDateTime(c.earlierAt)}`;
}

/**
 * The field errors with each out-of-order pair said in the viewer's time, under the field the API
 * put it on (one that changed, contract/phases.ts) and under any other field of the pair the form
 * changed (`changed`): when both times were typed, either may be the wrong one.
 */
export function timeOrderFieldErrors(
  fieldErrors: Record<string, string>, timeOrder: readonly TimeOrderConflict[], changed: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const err: Record<string, string> = { ...fieldErrors };
  for (const c of timeOrder) {
    for (const field of [TIME_POINT_FIELD[c.later], TIME_POINT_FIELD[c.earlier]]) if (fieldErrors[field] || changed.has(field)) err[field] = timeOrderText(c);
  }
  return err;
}
