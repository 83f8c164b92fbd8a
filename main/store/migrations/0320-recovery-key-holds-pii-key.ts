import type { Migration } from '../Migration';

/**
 * The recovery key as a holder of the personal-data key (docs/security.md, "Keys"). Its X25519
 * key pair is derived from the recovery key, which is stored nowhere, so only the public half is
 * here (`pii_recovery`, one row), and the personal-data key's private half is sealed to it at
 * each epoch (`pii_recovery_grants`), as for a user's grant. Vaults created before this step have
 * no row until the recovery key is used once (`vault recover`): only then can its public half be
 * derived.
 */
export const recoveryKeyHoldsPiiKey: Migration = {
  version: 320,
  name: 'recovery-key-holds-pii-key',
  up(db) {
    db.exec(`
      CREATE TABLE pii_recovery (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        public_key TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        registered_by TEXT NOT NULL
      ) STRICT;
      CREATE TABLE pii_recovery_grants (
        epoch INTEGER PRIMARY KEY,
        sealed TEXT NOT NULL,
        granted_by TEXT NOT NULL,
        granted_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
