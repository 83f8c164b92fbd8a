import type { Migration } from '../Migration';

/**
 * Offboarding: a user can be disabled (never deleted, so every record stays attributed to them),
 * must change a passphrase an administrator set, and has a session epoch that every revocation
 * (disable, role change, passphrase reset) raises, with the reason, so a session started before
 * it ends, in this process or any other on the same data directory, and its window says why.
 */
export const userOffboarding: Migration = {
  version: 130,
  name: 'user-offboarding',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN disabled_at TEXT;
      ALTER TABLE users ADD COLUMN disabled_by TEXT;
      ALTER TABLE users ADD COLUMN must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1));
      ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0 CHECK (session_epoch >= 0);
      ALTER TABLE users ADD COLUMN sessions_revoked_for TEXT CHECK (sessions_revoked_for IN ('disabled', 'role_changed', 'passphrase_reset'));
    `);
  },
};
