import type { ActionItem } from '../../contract';
import { ACTION_STATUS_LABEL, formatActionId } from '../../contract/reviewTerms';
import { formatMinute, formatTable } from './format';

/** What the STATUS column says: an overdue item says so before anything else. */
export const actionState = (a: ActionItem): string => (a.overdue ? 'OVERDUE' : ACTION_STATUS_LABEL[a.status]);

/** One row per item, in the API's order (overdue first). DUE is the item's date as given, not converted to any zone. */
export function formatActionRows(rows: ActionItem[]): string {
  if (rows.length === 0) return 'No action items.';
  return formatTable(
    ['ID', 'INCIDENT', 'DUE', 'STATUS', 'OWNER', 'TITLE'],
    // Exercise work says so on its row, as the incident list and the deadlines do.
    rows.map((a) => [formatActionId(a.id), a.ref, a.due, actionState(a), a.owner, `${a.exercise ? '[EXERCISE] ' : ''}${a.title}`]),
  );
}

/** "A-7 (IR-2026-0001) is done: …" — what a change command prints. */
export function describeAction(a: ActionItem): string {
  const head = `${formatActionId(a.id)} on ${a.ref}${a.exercise ? ' (EXERCISE)' : ''}, "${a.title}", owner ${a.owner}, due ${a.due}`;
  if (a.status === 'open') return `${head}: ${a.overdue ? 'open and OVERDUE' : 'open'}`;
  return `${head}: ${ACTION_STATUS_LABEL[a.status]} (by ${a.closedBy ?? '?'} at ${formatMinute(a.closedAt)}) — ${a.note ?? ''}`;
}
