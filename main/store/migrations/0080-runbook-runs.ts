import type { Migration } from '../Migration';

/**
 * Guided runs. A run keeps its own copy of the runbook (the file's text and the parsed steps) so
 * editing or deleting the file never changes a run in progress. Transitions are append-only like
 * the event log; each one names the event that records it in the hash chain.
 */
export const runbookRuns: Migration = {
  version: 80,
  name: 'runbook-runs',
  up(db) {
    db.exec(`
      CREATE TABLE runbook_runs (
        id TEXT PRIMARY KEY,
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        runbook_id TEXT NOT NULL,
        version TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('built-in', 'custom')),
        file_text TEXT NOT NULL,
        definition TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL,
        completed_at TEXT
      ) STRICT;
      CREATE INDEX runbook_runs_incident ON runbook_runs(incident_ref, started_at);
      CREATE TABLE runbook_transitions (
        run_id TEXT NOT NULL REFERENCES runbook_runs(id),
        n INTEGER NOT NULL,
        event_seq INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, n)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER runbook_transitions_no_update BEFORE UPDATE ON runbook_transitions
        BEGIN SELECT RAISE(ABORT, 'runbook transitions are append-only'); END;
      CREATE TRIGGER runbook_transitions_no_delete BEFORE DELETE ON runbook_transitions
        BEGIN SELECT RAISE(ABORT, 'runbook transitions are append-only'); END;
      CREATE TRIGGER runbook_transitions_no_replace BEFORE INSERT ON runbook_transitions
        WHEN EXISTS (SELECT 1 FROM runbook_transitions WHERE run_id = NEW.run_id AND n = NEW.n)
        BEGIN SELECT RAISE(ABORT, 'runbook transitions are append-only'); END;
    `);
  },
};
