import type { Migration } from '../Migration';

/**
 * Decisions about notification obligations (`notify.decide`): that a regime's notice is not
 * required for an incident, with the reason, or that such a decision is withdrawn. An obligation
 * ends only when its notice is recorded as sent or by such a decision — never because the incident
 * changed phase. Append-only like the event log: the latest decision per incident and regime is in
 * force, every earlier one stays, each names the event that records it in the hash chain.
 */
export const notifyDecisions: Migration = {
  version: 150,
  name: 'notify-decisions',
  up(db) {
    db.exec(`
      CREATE TABLE notify_decisions (
        id INTEGER PRIMARY KEY,
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        regime_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('not-required', 'required')),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        event_seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX notify_decisions_incident ON notify_decisions(incident_ref, regime_id, id);
      CREATE TRIGGER notify_decisions_no_update BEFORE UPDATE ON notify_decisions
        BEGIN SELECT RAISE(ABORT, 'notify_decisions are append-only'); END;
      CREATE TRIGGER notify_decisions_no_delete BEFORE DELETE ON notify_decisions
        BEGIN SELECT RAISE(ABORT, 'notify_decisions are append-only'); END;
      CREATE TRIGGER notify_decisions_no_replace BEFORE INSERT ON notify_decisions
        WHEN EXISTS (SELECT 1 FROM notify_decisions WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'notify_decisions are append-only'); END;
    `);
  },
};
