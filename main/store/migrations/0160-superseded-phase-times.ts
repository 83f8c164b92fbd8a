import type { Migration } from '../Migration';

/**
 * Phase times set aside by a move back (contract/phases.ts): the incident row keeps only the
 * current time of each phase, and every time a move back superseded is kept here, append-only
 * like the event log, naming the `incident.status_changed` event that set it aside. Skipped
 * phases need no storage: a phase the incident has reached without a time is skipped.
 */
export const supersededPhaseTimes: Migration = {
  version: 160,
  name: 'superseded-phase-times',
  up(db) {
    db.exec(`
      CREATE TABLE incident_superseded_times (
        id INTEGER PRIMARY KEY,
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        phase TEXT NOT NULL CHECK (phase IN ('triaged', 'contained', 'eradicated', 'recovered', 'closed')),
        at TEXT NOT NULL,
        superseded_at TEXT NOT NULL,
        superseded_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        event_seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX incident_superseded_times_incident ON incident_superseded_times(incident_ref, id);
      CREATE TRIGGER incident_superseded_times_no_update BEFORE UPDATE ON incident_superseded_times
        BEGIN SELECT RAISE(ABORT, 'incident_superseded_times are append-only'); END;
      CREATE TRIGGER incident_superseded_times_no_delete BEFORE DELETE ON incident_superseded_times
        BEGIN SELECT RAISE(ABORT, 'incident_superseded_times are append-only'); END;
      CREATE TRIGGER incident_superseded_times_no_replace BEFORE INSERT ON incident_superseded_times
        WHEN EXISTS (SELECT 1 FROM incident_superseded_times WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'incident_superseded_times are append-only'); END;
    `);
  },
};
