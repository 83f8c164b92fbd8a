import type { Migration } from '../Migration';

/**
 * Time in each phase comes from the status changes (`incident.status_changed` events). Reading
 * them out of a log of a million events for a year's dashboard means walking every event of every
 * incident in the period; this table keeps just the moves — incident, event, when (ms since the
 * epoch, parsed once), from and to — clustered by incident, filled by a trigger on the log itself
 * so that every writer is covered, and from the log as it is now, once. It is derived: the event
 * log stays the record (each row names its event), and the rows are append-only like the log.
 */
export const kpiPhaseMoves: Migration = {
  version: 210,
  name: 'kpi-phase-moves',
  up(db) {
    db.exec(`
      CREATE TABLE kpi_phase_moves (
        incident_ref TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at_ms INTEGER,
        from_status TEXT,
        to_status TEXT,
        PRIMARY KEY (incident_ref, seq)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO kpi_phase_moves (incident_ref, seq, at_ms, from_status, to_status)
        SELECT incident_ref, seq, CAST(round(unixepoch(ts, 'subsec') * 1000) AS INTEGER), json_extract(data, '$.from'), json_extract(data, '$.to')
          FROM events WHERE type = 'incident.status_changed' AND incident_ref IS NOT NULL;
      CREATE TRIGGER kpi_phase_moves_from_events AFTER INSERT ON events
        WHEN NEW.type = 'incident.status_changed' AND NEW.incident_ref IS NOT NULL
        BEGIN
          INSERT INTO kpi_phase_moves (incident_ref, seq, at_ms, from_status, to_status)
            VALUES (NEW.incident_ref, NEW.seq, CAST(round(unixepoch(NEW.ts, 'subsec') * 1000) AS INTEGER), json_extract(NEW.data, '$.from'), json_extract(NEW.data, '$.to'));
        END;
      CREATE TRIGGER kpi_phase_moves_no_update BEFORE UPDATE ON kpi_phase_moves
        BEGIN SELECT RAISE(ABORT, 'kpi_phase_moves follow the event log: append-only'); END;
      CREATE TRIGGER kpi_phase_moves_no_delete BEFORE DELETE ON kpi_phase_moves
        BEGIN SELECT RAISE(ABORT, 'kpi_phase_moves follow the event log: append-only'); END;
    `);
  },
};
