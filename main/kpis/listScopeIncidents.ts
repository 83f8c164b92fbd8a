import type { Db } from '../store';
import { scopeOf, scopeWhere, type KpiQuery } from './KpiScope';

/** An incident the KPIs of a period count, as a period report lists it (no personal field). */
export interface ScopeIncident {
  ref: string;
  title: string;
  exercise: boolean;
  /** The highest severity it reached (what the KPIs group by). */
  highestSeverity: string;
  status: string;
  category: string;
  detectedAt: string | null;
  closedAt: string | null;
}

/** Where the next page starts: after this incident in the order detected, id. */
export interface ScopeCursor {
  detectedMs: number;
  id: number;
}

/**
 * One page of the incidents a query's KPIs count (detected in the period, the filters applied,
 * exercises only when asked), in the order detected — the same scope as computeKpis, so the list
 * and the figures never disagree. Pages continue where the index left off (a row value, not an
 * offset), so listing a year of a large vault stays linear.
 */
export function listScopeIncidents(db: Db, q: KpiQuery, after: ScopeCursor | null, limit: number): { rows: ScopeIncident[]; next: ScopeCursor | null } {
  const where = scopeWhere(scopeOf(q));
  const rows = db
    .prepare(
      `SELECT k.id AS id, k.detected_ms AS detectedMs, i.ref, i.title, k.exercise, k.severity, i.status, i.category, i.detected_at, i.closed_at
         FROM kpi_incidents k CROSS JOIN incidents i ON i.id = k.id
        WHERE ${where.sql} AND (k.detected_ms, k.id) > (?, ?)
        ORDER BY k.detected_ms, k.id LIMIT ?`,
    )
    .all(...where.params, after?.detectedMs ?? Number.MIN_SAFE_INTEGER, after?.id ?? 0, limit) as {
      id: number; detectedMs: number; ref: string; title: string; exercise: number; severity: string | null; status: string; category: string; detected_at: string | null; closed_at: string | null;
    }[];
  const last = rows[rows.length - 1];
  return {
    rows: rows.map((r) => ({
      ref: r.ref, title: r.title, exercise: r.exercise === 1, highestSeverity: r.severity ?? 'SEV4', status: r.status, category: r.category, detectedAt: r.detected_at, closedAt: r.closed_at,
    })),
    next: last && rows.length === limit ? { detectedMs: last.detectedMs, id: last.id } : null,
  };
}
