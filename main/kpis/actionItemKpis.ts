import type { ActionItemKpis } from '../../contract';
import type { Db } from '../store';
import { scopeWhere, type KpiScope } from './KpiScope';

/**
 * Action items of the incidents in scope (the reviews domain's action_items, read as its
 * listActionItems reads them): open ones, and of those overdue now (due before now, as the
 * Action items page says); done on or before the due time, done after it; won't do. Times are
 * compared as instants.
 */
export function actionItemKpis(db: Db, scope: KpiScope, now: string): ActionItemKpis {
  const where = scopeWhere(scope);
  const row = db
    .prepare(
      `SELECT coalesce(sum(a.status = 'open'), 0) AS open,
              coalesce(sum(a.status = 'open' AND unixepoch(a.due_at, 'subsec') < unixepoch(?, 'subsec')), 0) AS overdue,
              coalesce(sum(a.status = 'done' AND unixepoch(a.closed_at, 'subsec') <= unixepoch(a.due_at, 'subsec')), 0) AS closedOnTime,
              coalesce(sum(a.status = 'done' AND unixepoch(a.closed_at, 'subsec') > unixepoch(a.due_at, 'subsec')), 0) AS closedLate,
              coalesce(sum(a.status = 'wont_do'), 0) AS wontDo
         FROM kpi_incidents k CROSS JOIN incidents i ON i.id = k.id CROSS JOIN action_items a ON a.incident_ref = i.ref
        WHERE ${where.sql}`,
    )
    .get(now, ...where.params) as ActionItemKpis;
  return row;
}
