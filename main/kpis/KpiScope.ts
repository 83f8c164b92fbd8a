import type { Category, Severity } from '../../contract';
import { periodOf, type Period } from './period';

/** What is asked for: a period of whole UTC days and the filters (kpis.get, reports.period). */
export interface KpiQuery {
  from: string;
  to: string;
  severity?: readonly Severity[] | undefined;
  category?: readonly Category[] | undefined;
  includeExercises: boolean;
}

/** Which incidents the KPIs are about: detected in the period, matching the filters. */
export interface KpiScope {
  period: Period;
  /** Highest severity reached (what the incident was at its worst), not the severity now. */
  severity: readonly Severity[] | null;
  category: readonly Category[] | null;
  includeExercises: boolean;
}

/**
 * The WHERE clause selecting the scope's incidents from kpi_incidents (alias `k`, migration 0210:
 * the times as ms since the epoch): a range of kpi_incidents_detected, exercise first.
 */
export function scopeWhere(s: KpiScope, exercises: 'scope' | 'only' = 'scope'): { sql: string; params: unknown[] } {
  const parts = ['k.detected_ms >= ? AND k.detected_ms < ?'];
  const params: unknown[] = [s.period.startMs, s.period.endMs];
  if (exercises === 'only') parts.unshift('k.exercise = 1');
  else if (!s.includeExercises) parts.unshift('k.exercise = 0');
  else parts.unshift('k.exercise IN (0, 1)');
  if (s.severity) {
    parts.push(`k.severity IN (${s.severity.map(() => '?').join(', ')})`);
    params.push(...s.severity);
  }
  if (s.category) {
    parts.push(`k.category IN (${s.category.map(() => '?').join(', ')})`);
    params.push(...s.category);
  }
  return { sql: parts.join(' AND '), params };
}

/** The scope a query asks for, over its own period or another (the previous period, for trends). */
export function scopeOf(q: KpiQuery, period: Period = periodOf(q.from, q.to)): KpiScope {
  return { period, severity: q.severity?.length ? q.severity : null, category: q.category?.length ? q.category : null, includeExercises: q.includeExercises };
}
