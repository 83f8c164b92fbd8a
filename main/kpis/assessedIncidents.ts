import type { Db } from '../store';
import { scopeWhere, type KpiScope } from './KpiScope';

/** An incident in scope with breach facts recorded: the only ones with notification obligations. */
export interface AssessedIncident {
  ref: string;
  title: string;
  exercise: number;
  /** Highest severity reached. */
  severity: string;
  /** Detected, ms since the epoch. */
  detected: number;
  /** Changes whenever its facts, fields, notices or decisions do (noticeStages keeps its stages until then). */
  version: string;
}

/**
 * The incidents in scope whose breach facts are recorded, in the order detected, read lazily:
 * the on-time rate (notificationKpis) and the period report's obligations walk the same list.
 */
export function assessedIncidents(db: Db, scope: KpiScope): IterableIterator<AssessedIncident> {
  const where = scopeWhere(scope);
  return db
    // From the few assessed incidents to their kpi rows (CROSS JOIN keeps that order), not the other way round.
    .prepare(`SELECT i.ref, i.title, k.exercise AS exercise, k.severity AS severity, k.detected_ms AS detected,
                     (SELECT MAX(e.seq) FROM events e WHERE e.incident_ref = i.ref) || char(0) || f.facts || char(0) || i.data_categories || char(0) || i.affected AS version
                FROM breach_facts f CROSS JOIN incidents i ON i.ref = f.incident_ref CROSS JOIN kpi_incidents k ON k.id = i.id
               WHERE ${where.sql} ORDER BY k.detected_ms, k.id`)
    .iterate(...where.params) as IterableIterator<AssessedIncident>;
}
