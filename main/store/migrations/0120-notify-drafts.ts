import type { Migration } from '../Migration';

/**
 * Notification drafts (contract/draft.ts). A draft row says what the notice is for; its text lives
 * in versions, approvals and the sent record, which are all append-only like the event log: a
 * revision is a new version (so approvals of the old one no longer count), and a sent notice can
 * only be followed by a supplementary draft, never changed. Each row names the event that records
 * it in the hash chain.
 */
export const notifyDrafts: Migration = {
  version: 120,
  name: 'notify-drafts',
  up(db) {
    const appendOnly = (table: string, key: string) => `
      CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;
      CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;
      CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table}
        WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${key})
        BEGIN SELECT RAISE(ABORT, '${table} are append-only'); END;`;
    db.exec(`
      CREATE TABLE notify_drafts (
        id TEXT PRIMARY KEY,
        incident_ref TEXT NOT NULL REFERENCES incidents(ref),
        regime_id TEXT NOT NULL,
        regime_name TEXT NOT NULL,
        stage TEXT,
        audience TEXT NOT NULL,
        recipient TEXT NOT NULL,
        outcome TEXT NOT NULL,
        contents TEXT NOT NULL CHECK (json_valid(contents)),
        required_approvals INTEGER NOT NULL CHECK (required_approvals IN (1, 2)),
        supplement_to TEXT REFERENCES notify_drafts(id),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notify_drafts_incident ON notify_drafts(incident_ref, created_at);
      CREATE TABLE notify_draft_versions (
        draft_id TEXT NOT NULL REFERENCES notify_drafts(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        event_seq INTEGER NOT NULL,
        PRIMARY KEY (draft_id, version)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE notify_draft_approvals (
        draft_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        user TEXT NOT NULL,
        at TEXT NOT NULL,
        event_seq INTEGER NOT NULL,
        PRIMARY KEY (draft_id, version, user),
        FOREIGN KEY (draft_id, version) REFERENCES notify_draft_versions(draft_id, version)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE notify_draft_sent (
        draft_id TEXT PRIMARY KEY REFERENCES notify_drafts(id),
        version INTEGER NOT NULL,
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        hash_of TEXT NOT NULL,
        by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        event_seq INTEGER NOT NULL,
        FOREIGN KEY (draft_id, version) REFERENCES notify_draft_versions(draft_id, version)
      ) STRICT, WITHOUT ROWID;
      ${appendOnly('notify_draft_versions', 'draft_id = NEW.draft_id AND version = NEW.version')}
      ${appendOnly('notify_draft_approvals', 'draft_id = NEW.draft_id AND version = NEW.version AND user = NEW.user')}
      ${appendOnly('notify_draft_sent', 'draft_id = NEW.draft_id')}
    `);
  },
};
