import type { ActionItemPage, ActionStatus } from '../../contract';
import type { Db } from '../store';
import { ACTION_SELECT, toActionItem, type ActionRow } from './actionRecords';

export interface ActionFilter {
  ref?: string | undefined;
  owner?: string | undefined;
  status?: ActionStatus | undefined;
  /** Only open items past their due time. */
  overdue?: boolean | undefined;
  offset?: number | undefined;
  /** Default 50; callers that need every item page through. */
  limit?: number | undefined;
  /** What "overdue" is measured against; default the current time. */
  now?: string | undefined;
}

/**
 * A page of action items: overdue ones first (most overdue first), then open ones by due date,
 * then closed ones by due date. `total` and `overdue` count every match, not only the page.
 */
export function listActionItems(db: Db, filter: ActionFilter = {}): ActionItemPage {
  const now = filter.now ?? new Date().toISOString();
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.ref !== undefined) {
    where.push('a.incident_ref = ?');
    args.push(filter.ref);
  }
  if (filter.owner !== undefined) {
    where.push('a.owner = ?');
    args.push(filter.owner);
  }
  if (filter.status !== undefined) {
    where.push('a.status = ?');
    args.push(filter.status);
  }
  if (filter.overdue) {
    where.push("a.status = 'open' AND a.due_at < ?");
    args.push(now);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const counts = db
    .prepare(`SELECT count(*) AS total, COALESCE(SUM(a.status = 'open' AND a.due_at < ?), 0) AS overdue FROM action_items a ${clause}`)
    .get(now, ...args) as { total: number; overdue: number };
  const offset = filter.offset ?? 0;
  const rows = db
    .prepare(`${ACTION_SELECT} ${clause}
              ORDER BY CASE WHEN a.status = 'open' AND a.due_at < ? THEN 0 WHEN a.status = 'open' THEN 1 ELSE 2 END, a.due_at, a.id
              LIMIT ? OFFSET ?`)
    .all(...args, now, filter.limit ?? 50, offset) as ActionRow[];
  return { total: counts.total, overdue: counts.overdue, offset, rows: rows.map((r) => toActionItem(r, now)) };
}
