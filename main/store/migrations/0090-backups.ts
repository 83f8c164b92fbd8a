import type { Migration } from '../Migration';

/**
 * Backup plans, the index of completed backups and their checks, and the backup identity. The
 * files in the target directory are the backups; a row is written only after the manifest is on
 * disk, so a listed backup is always a complete one.
 */
export const backups: Migration = {
  version: 90,
  name: 'backups',
  up(db) {
    db.exec(`
      CREATE TABLE backup_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        identity TEXT NOT NULL,
        recipient TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE backup_plans (
        name TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE backups (
        id TEXT PRIMARY KEY,
        plan TEXT NOT NULL,
        -- Where its files are: kept with the backup so it stays restorable after its plan is removed.
        dir TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
        parent TEXT REFERENCES backups(id),
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        stored_files INTEGER NOT NULL,
        stored_bytes INTEGER NOT NULL,
        archive_file TEXT NOT NULL,
        manifest_file TEXT NOT NULL,
        archive_size INTEGER NOT NULL,
        chain_seq INTEGER,
        chain_hash TEXT,
        pruned_at TEXT
      ) STRICT;
      CREATE INDEX backups_plan ON backups(plan, finished_at);
      CREATE TABLE backup_checks (
        id INTEGER PRIMARY KEY,
        backup_id TEXT NOT NULL REFERENCES backups(id),
        level TEXT NOT NULL CHECK (level IN ('quick', 'full', 'drill')),
        at TEXT NOT NULL,
        ok INTEGER NOT NULL,
        problems TEXT NOT NULL,
        files INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        restore_seconds REAL,
        rto_seconds REAL,
        rpo_seconds REAL
      ) STRICT;
      CREATE INDEX backup_checks_backup ON backup_checks(backup_id, at);
    `);
  },
};
