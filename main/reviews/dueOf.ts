import { dueAtEndOf } from '../../contract';

/**
 * An action item's due date (YYYY-MM-DD, already a calendar date by the schema) and the instant it
 * ends where the backend runs, when the item becomes overdue. A date already past is accepted:
 * recording an item that was due last week is back-filling, and the item is overdue at once.
 */
export function dueOf(date: string): { due: string; dueAt: string } {
  const dueAt = dueAtEndOf(date);
  if (dueAt === null) throw new Error(`due date ${date} passed validation but is not a calendar date`);
  return { due: date, dueAt };
}
