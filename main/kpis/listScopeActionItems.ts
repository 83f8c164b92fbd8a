import type { Db } from '../store';
import { scopeOf, scopeWhere, type KpiQuery } from './KpiScope';

/** An open action item of an incident in scope, as a period report lists it. */
export interface ScopeActionItem {
  id: number;
  ref: string;
  incidentTitle: string;
  exercise: boolean;
  title: string;
  owner: string;
  /** The due date as given (YYYY-MM-DD): a calendar day, never shifted by a time zone. */
  due: string;
  /** When it becomes overdue: the end of that day where the backend runs. */
  dueAt: string;
  /** Open and due before now (as the Action items page and the KPIs count it). */
  overdue: boolean;
}

export interface ActionCursor {
  dueAt: string;
  id: number;
}

/**
 * One page of the open action items of the incidents a query's KPIs count, overdue first (the
 * earliest due first, which puts every overdue item before the rest), continuing where the last
 * page ended.
 */
export function listScopeActionItems(db: Db, q: KpiQuery, now: string, after: ActionCursor | null, limit: number): { rows: ScopeActionItem[]; next: ActionCursor | null } {
  const where = scopeWhere(scopeOf(q));
  const rows = db
    .prepare(
      `SELECT a.id, a.incident_ref AS ref, i.title AS incidentTitle, k.exercise, a.title, a.owner, COALESCE(a.due_date, substr(a.due_at, 1, 10)) AS due, a.due_at AS dueAt,
              unixepoch(a.due_at, 'subsec') < unixepoch(?, 'subsec') AS overdue
         FROM kpi_incidents k CROSS JOIN incidents i ON i.id = k.id CROSS JOIN action_items a ON a.incident_ref = i.ref
        WHERE ${where.sql} AND a.status = 'open' AND (a.due_at, a.id) > (?, ?)
        ORDER BY a.due_at, a.id LIMIT ?`,
    )
    .all(now, ...where.params, after?.dueAt ?? '', after?.id ?? 0, limit) as (Omit<ScopeActionItem, 'exercise' | 'overdue'> & { exercise: number; overdue: number })[];
  const last = rows[rows.length - 1];
  return {
    rows: rows.map((r) => ({ ...r, exercise: r.exercise === 1, overdue: r.overdue === 1 })),
    next: last && rows.length === limit ? { dueAt: last.dueAt, id: last.id } : null,
  };
}
