import type { Migration } from '../Migration';

/**
 * Organisation-wide settings as key → JSON value (the letterhead on exported notices first). The
 * row is the current value; every change is also an event in the hash chain (`settings.changed`)
 * with the old and new value, so the log is its history.
 */
export const settings: Migration = {
  version: 110,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
