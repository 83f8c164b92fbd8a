import { ApiFailure } from '../../contract';

/**
 * The due time as stored (UTC ISO, so times compare as text in SQL). A time already passed is
 * refused: an item due yesterday would be born overdue, which is a typo, not a plan.
 */
export function checkDue(due: string, now: string): string {
  const at = new Date(due).toISOString();
  if (at < now) {
    const message = `due: ${due} has passed already; choose a time from now on`;
    throw new ApiFailure('VALIDATION', message, { issues: [message] });
  }
  return at;
}
