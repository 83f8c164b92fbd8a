import type { Migration } from '../Migration';

/**
 * The breach facts of an incident (contract/breachFacts.ts) beyond its own fields: clock-starting
 * times, protection, risk judgments, the kind of organisation, narrative for the notices. One row
 * per incident, the facts as JSON; every change is also an event in the hash chain with the old
 * and new values, so the row is the current state and the log its history.
 */
export const breachFacts: Migration = {
  version: 100,
  name: 'breach-facts',
  up(db) {
    db.exec(`
      CREATE TABLE breach_facts (
        incident_ref TEXT PRIMARY KEY REFERENCES incidents(ref),
        facts TEXT NOT NULL CHECK (json_valid(facts)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
