import type { Migration } from '../Migration';

/** The hash-chained event log (docs/log-format.md). Triggers make it append-only in SQL itself. */
export const events: Migration = {
  version: 20,
  name: 'events',
  up(db) {
    db.exec(`
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        type TEXT NOT NULL,
        incident_ref TEXT,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_incident ON events(incident_ref, seq) WHERE incident_ref IS NOT NULL;
      CREATE INDEX events_type ON events(type, seq);
      CREATE INDEX events_actor ON events(actor, seq);
      -- The head is kept apart from the rows so that cutting rows off the end is detectable.
      CREATE TABLE chain_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `);
  },
};
