import type { Migration } from '../Migration';

const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/**
 * What the metrics need from an incident (issue 12): when the compromise or impact began
 * (`started_at`, may be unknown — time to detect starts there), whether it is an exercise (left
 * out of KPIs unless asked), and the highest severity it reached (reports group by it).
 *
 * `highest_severity` is derivable from the log (the created event's severity and every severity
 * change); it is kept in the row so a year's KPIs need no walk over the events. Existing
 * incidents get it from their log here, once.
 */
export const incidentStartExercise: Migration = {
  version: 170,
  name: 'incident-start-exercise',
  up(db) {
    db.exec(`
      ALTER TABLE incidents ADD COLUMN started_at TEXT;
      ALTER TABLE incidents ADD COLUMN exercise INTEGER NOT NULL DEFAULT 0 CHECK (exercise IN (0, 1));
      ALTER TABLE incidents ADD COLUMN highest_severity TEXT CHECK (highest_severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4'));
      UPDATE incidents SET highest_severity = severity;
      CREATE INDEX incidents_detected_exercise ON incidents(exercise, detected_at);
    `);
    const raise = db.prepare(
      `UPDATE incidents SET highest_severity = ? WHERE ref = ? AND
         (CASE highest_severity WHEN 'SEV1' THEN 0 WHEN 'SEV2' THEN 1 WHEN 'SEV3' THEN 2 ELSE 3 END) > ?`,
    );
    // Only events that could carry a severity: creations and field changes naming it. Iterated, not loaded.
    const rows = db
      .prepare(`SELECT incident_ref AS ref, type, data FROM events
                WHERE incident_ref IS NOT NULL AND (type = 'incident.created' OR (type = 'incident.updated' AND data LIKE '%"severity"%'))`)
      .iterate() as IterableIterator<{ ref: string; type: string; data: string }>;
    const seen: [string, string][] = [];
    for (const r of rows) {
      const data = JSON.parse(r.data) as { fields?: { severity?: unknown }; changes?: { field: string; before: unknown; after: unknown }[] };
      const values = r.type === 'incident.created' ? [data.fields?.severity] : (data.changes ?? []).filter((c) => c.field === 'severity').flatMap((c) => [c.before, c.after]);
      for (const v of values) if (typeof v === 'string' && SEVERITIES.includes(v)) seen.push([r.ref, v]);
    }
    for (const [ref, sev] of seen) raise.run(sev, ref, SEVERITIES.indexOf(sev));
  },
};
