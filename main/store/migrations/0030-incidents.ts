import type { Migration } from '../Migration';

export const incidents: Migration = {
  version: 30,
  name: 'incidents',
  up(db) {
    db.exec(`
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        -- Phase order, so sorting by status follows the lifecycle and can use an index.
        status_rank INTEGER NOT NULL,
        owner TEXT REFERENCES users(name),
        tags TEXT NOT NULL DEFAULT '[]',
        detected_at TEXT NOT NULL,
        triaged_at TEXT,
        contained_at TEXT,
        eradicated_at TEXT,
        recovered_at TEXT,
        closed_at TEXT,
        data_categories TEXT NOT NULL DEFAULT '[]',
        affected TEXT NOT NULL DEFAULT '[]',
        reporter_name TEXT,
        reporter_email TEXT,
        reporter_phone TEXT,
        affected_people TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX incidents_status ON incidents(status_rank, id);
      CREATE INDEX incidents_severity ON incidents(severity, id);
      CREATE INDEX incidents_category ON incidents(category, id);
      CREATE INDEX incidents_owner ON incidents(owner, id);
      CREATE INDEX incidents_detected ON incidents(detected_at, id);
      CREATE INDEX incidents_updated ON incidents(updated_at, id);
      CREATE INDEX incidents_title ON incidents(title COLLATE NOCASE, id);
      CREATE TABLE incident_counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL) STRICT;
      -- Trigram: the list's text filter matches any substring of ref, title or tags, indexed.
      CREATE VIRTUAL TABLE incidents_fts USING fts5(ref, title, tags, content='incidents', content_rowid='id', tokenize='trigram');
      CREATE TRIGGER incidents_fts_ai AFTER INSERT ON incidents BEGIN
        INSERT INTO incidents_fts(rowid, ref, title, tags) VALUES (new.id, new.ref, new.title, new.tags);
      END;
      CREATE TRIGGER incidents_fts_au AFTER UPDATE OF ref, title, tags ON incidents BEGIN
        INSERT INTO incidents_fts(incidents_fts, rowid, ref, title, tags) VALUES ('delete', old.id, old.ref, old.title, old.tags);
        INSERT INTO incidents_fts(rowid, ref, title, tags) VALUES (new.id, new.ref, new.title, new.tags);
      END;
    `);
  },
};
