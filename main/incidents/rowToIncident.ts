import type { Incident, IncidentFields, IncidentStatus, Severity } from '../../contract';
import { FIELD_COLUMNS } from './columns';

export type IncidentRowRecord = Record<string, unknown> & { ref: string; status: string; created_at: string; created_by: string; updated_at: string; highest_severity: string };

/** The row's fields; the phases (which also need the superseded times) are added by findIncident. */
export function rowToIncident(row: IncidentRowRecord): Omit<Incident, 'phases'> {
  const fields = {} as Record<keyof IncidentFields, unknown>;
  for (const [field, { column, json, bool, sealed }] of Object.entries(FIELD_COLUMNS) as [keyof IncidentFields, { column: string; json?: true; bool?: true; sealed?: true }][]) {
    const v = row[column];
    // An envelope (JSON text): findIncident opens it (personalColumns.ts).
    if (sealed && typeof v === 'string' && v.startsWith('{')) {
      fields[field] = JSON.parse(v) as unknown;
      continue;
    }
    fields[field] = json ? JSON.parse(typeof v === 'string' ? v : '[]') : bool ? v === 1 : (v ?? null);
  }
  return {
    ...(fields as IncidentFields),
    ref: row.ref,
    status: row.status as IncidentStatus,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    highestSeverity: row.highest_severity as Severity,
    redacted: [],
  };
}
