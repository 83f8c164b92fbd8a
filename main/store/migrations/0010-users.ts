import type { Migration } from '../Migration';

export const users: Migration = {
  version: 10,
  name: 'users',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        totp_secret TEXT,
        totp_last_step INTEGER,
        totp_pending TEXT
      ) STRICT;
    `);
  },
};
