import type { Category, Severity } from '../../contract';
import type { Period } from './period';

/** Which incidents the KPIs are about: detected in the period, matching the filters. */
export interface KpiScope {
  period: Period;
  /** Highest severity reached (what the incident was at its worst), not the severity now. */
  severity: readonly Severity[] | null;
  category: readonly Category[] | null;
  includeExercises: boolean;
}

/** Stored times may carry a UTC offset (±14:00 at most): the index range is widened by that, the exact test is on the instant. */
const SLACK = 14 * 3_600_000;

/**
 * The WHERE clause selecting the scope's incidents (alias `i`): an index range on detected_at
 * (with exercise first when exercises are left out: incidents_detected_exercise), then the
 * exact instant.
 */
export function scopeWhere(s: KpiScope, exercises: 'scope' | 'only' = 'scope'): { sql: string; params: unknown[] } {
  const parts = [
    'i.detected_at >= ? AND i.detected_at < ?',
    "unixepoch(i.detected_at, 'subsec') * 1000 >= ? AND unixepoch(i.detected_at, 'subsec') * 1000 < ?",
  ];
  const params: unknown[] = [
    new Date(s.period.startMs - SLACK).toISOString(), new Date(s.period.endMs + SLACK).toISOString(), s.period.startMs, s.period.endMs,
  ];
  if (exercises === 'only') parts.unshift('i.exercise = 1');
  else if (!s.includeExercises) parts.unshift('i.exercise = 0');
  if (s.severity) {
    parts.push(`i.highest_severity IN (${s.severity.map(() => '?').join(', ')})`);
    params.push(...s.severity);
  }
  if (s.category) {
    parts.push(`i.category IN (${s.category.map(() => '?').join(', ')})`);
    params.push(...s.category);
  }
  return { sql: parts.join(' AND '), params };
}
