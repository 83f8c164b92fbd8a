import type { Migration } from '../Migration';

export const evidence: Migration = {
  version: 50,
  name: 'evidence',
  up(db) {
    db.exec(`
      CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX evidence_incident ON evidence(incident_ref, added_at);
    `);
  },
};
