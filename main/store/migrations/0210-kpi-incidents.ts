import type { Migration } from '../Migration';

const STATUS_INDEX = (x: string) =>
  `(CASE ${x} WHEN 'detected' THEN 0 WHEN 'triaged' THEN 1 WHEN 'contained' THEN 2 WHEN 'eradicated' THEN 3 WHEN 'recovered' THEN 4 WHEN 'closed' THEN 5 END)`;
const MS = (x: string) => `CAST(round(unixepoch(${x}, 'subsec') * 1000) AS INTEGER)`;
const PHASES = ['detected', 'triaged', 'contained', 'eradicated', 'recovered'];

/**
 * One status move applied to an incident's running totals (the SQL of the trigger on the log,
 * and of the backfill from the log as it is): the stay in `from` ends at the move's time and is
 * added to that phase's total — unless the move is recorded before the stay began (a clock set
 * back), which marks the phase spoiled — and a stay in `to` begins.
 */
export function applyMoveSql(ref: string, ts: string, from: string, to: string): string {
  return `
    UPDATE kpi_incidents SET
      ${PHASES.map((p, i) => `in_${p} = in_${p} + (CASE WHEN mv.f = ${i} AND mv.at >= phase_since THEN mv.at - phase_since ELSE 0 END)`).join(',\n      ')},
      spoiled_mask = spoiled_mask | (CASE WHEN mv.f BETWEEN 0 AND 4 AND (mv.at IS NULL OR phase_since IS NULL OR mv.at < phase_since) THEN 1 << mv.f ELSE 0 END),
      entered_mask = entered_mask | (CASE WHEN mv.t IS NULL THEN 0 ELSE 1 << mv.t END),
      phase = mv.t,
      phase_since = mv.at
    FROM (SELECT ${STATUS_INDEX(from)} AS f, ${STATUS_INDEX(to)} AS t, ${MS(ts)} AS at) AS mv
    WHERE kpi_incidents.id = (SELECT id FROM incidents WHERE ref = ${ref})`;
}

const COLUMNS = `exercise, severity, category, started_ms, detected_ms, triaged_ms, contained_ms, eradicated_ms, recovered_ms, closed_ms`;
const valuesOf = (r: string) =>
  `${r}.exercise, ${r}.highest_severity, ${r}.category, ${['started_at', 'detected_at', 'triaged_at', 'contained_at', 'eradicated_at', 'recovered_at', 'closed_at'].map((c) => MS(`${r}.${c}`)).join(', ')}`;

/**
 * What a year's KPIs read, kept per incident as integers (issue 12 §4): at 100k incidents and a
 * million events, parsing every timestamp and joining every status change for each dashboard
 * took most of the 300 ms budget. A derived table, not a record: one row per incident (same id),
 * its times as ms since the epoch (offsets read as instants), the highest severity, the
 * category, whether it is an exercise — kept equal to the incident row by triggers — and the time
 * spent in each phase, accumulated by a trigger on the event log from every
 * `incident.status_changed` event. Rows follow their incident (an update replaces the times);
 * the log and the incidents stay the records, and the table is rebuilt from them here.
 */
export const kpiIncidents: Migration = {
  version: 210,
  name: 'kpi-incidents',
  up(db) {
    db.exec(`
      CREATE TABLE kpi_incidents (
        id INTEGER PRIMARY KEY,
        exercise INTEGER NOT NULL,
        severity TEXT,
        category TEXT NOT NULL,
        started_ms INTEGER, detected_ms INTEGER, triaged_ms INTEGER, contained_ms INTEGER, eradicated_ms INTEGER, recovered_ms INTEGER, closed_ms INTEGER,
        created_ms INTEGER,
        ${PHASES.map((p) => `in_${p} INTEGER NOT NULL DEFAULT 0`).join(', ')},
        entered_mask INTEGER NOT NULL DEFAULT 1,
        spoiled_mask INTEGER NOT NULL DEFAULT 0,
        phase INTEGER DEFAULT 0,
        phase_since INTEGER
      ) STRICT;
      CREATE INDEX kpi_incidents_detected ON kpi_incidents(exercise, detected_ms);
      -- Failed sign-ins, refusals and failed backups per period: a million-event log keeps them on
      -- thousands of pages; these small partial indexes keep their times together (the queries
      -- name the type literally, so the planner can use them).
      CREATE INDEX events_failed_signins ON events(ts) WHERE type = 'auth.login_failed';
      CREATE INDEX events_refusals ON events(ts) WHERE type = 'auth.denied';
      CREATE INDEX events_backup_failures ON events(ts) WHERE type = 'backup.failed';
      INSERT INTO kpi_incidents (id, ${COLUMNS}, created_ms, phase_since)
        SELECT i.id, ${valuesOf('i')}, ${MS('i.created_at')}, ${MS('i.created_at')} FROM incidents i;
      CREATE TRIGGER kpi_incidents_insert AFTER INSERT ON incidents BEGIN
        INSERT INTO kpi_incidents (id, ${COLUMNS}, created_ms, phase_since)
          VALUES (NEW.id, ${valuesOf('NEW')}, ${MS('NEW.created_at')}, ${MS('NEW.created_at')});
      END;
      CREATE TRIGGER kpi_incidents_update AFTER UPDATE OF exercise, highest_severity, category, started_at, detected_at, triaged_at, contained_at, eradicated_at, recovered_at, closed_at ON incidents BEGIN
        UPDATE kpi_incidents SET (${COLUMNS}) = (SELECT ${valuesOf('NEW')}) WHERE id = NEW.id;
      END;
      CREATE TRIGGER kpi_incidents_moves AFTER INSERT ON events
        WHEN NEW.type = 'incident.status_changed' AND NEW.incident_ref IS NOT NULL
        BEGIN ${applyMoveSql('NEW.incident_ref', 'NEW.ts', "json_extract(NEW.data, '$.from')", "json_extract(NEW.data, '$.to')")}; END;
    `);
    // The moves logged so far, in the order they happened in the log, a page at a time (a write
    // cannot run while a read of the same connection is open, and the log may be large).
    // Each parameter appears once; in the text's order they are from, to, ts, ref.
    const apply = db.prepare(applyMoveSql('?', '?', '?', '?'));
    const page = db.prepare(`SELECT seq, incident_ref, ts, json_extract(data, '$.from'), json_extract(data, '$.to') FROM events
                              WHERE type = 'incident.status_changed' AND incident_ref IS NOT NULL AND seq > ? ORDER BY seq LIMIT 5000`).raw(true);
    for (let after = 0; ;) {
      const rows = page.all(after) as [number, string, string, string | null, string | null][];
      for (const [, ref, ts, from, to] of rows) apply.run(from, to, ts, ref);
      if (rows.length < 5000) break;
      after = rows[rows.length - 1]![0];
    }
  },
};
