import type { Migration } from '../Migration';

/**
 * TOTP secrets leave the plain columns (issue 13, High 2): anyone with the database key, which
 * every user's key slot gives, could read everyone's. Each secret is now sealed under its user's
 * own key (`user_keys`: a random key wrapped under the user's slot KEK, which only their passphrase
 * derives; main/auth/userKeys.ts). This step cannot seal them (no user key is at hand here), so
 * it moves them into `totp_legacy` until each user's next sign-in seals theirs and removes the
 * row (the small table is rewritten with secure_delete so no copy stays behind). Pending
 * enrolments are dropped: whoever was enrolling starts again. The old columns go, and the next
 * open VACUUMs the database (`pending_vacuum`) so the plain values leave the users table's
 * free and unallocated page space too. Older backups and copies keep what they had (docs/security.md).
 */
export const sealedTotp: Migration = {
  version: 271,
  name: 'sealed-totp',
  up(db) {
    const plain = (db.prepare('SELECT count(*) AS n FROM users WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL').get() as { n: number }).n;
    db.exec(`
      CREATE TABLE user_keys (
        user TEXT NOT NULL REFERENCES users(name),
        slot_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        ciphertext TEXT NOT NULL,
        tag TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (user, slot_id)
      ) STRICT;
      CREATE TABLE totp_legacy (
        user TEXT PRIMARY KEY REFERENCES users(name),
        secret TEXT NOT NULL
      ) STRICT;
      INSERT INTO totp_legacy (user, secret) SELECT name, totp_secret FROM users WHERE totp_secret IS NOT NULL;
      ALTER TABLE users ADD COLUMN totp_sealed TEXT;
      ALTER TABLE users ADD COLUMN totp_pending_sealed TEXT;
      ALTER TABLE users DROP COLUMN totp_secret;
      ALTER TABLE users DROP COLUMN totp_pending;
      CREATE TABLE pending_vacuum (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        reason TEXT NOT NULL,
        since TEXT NOT NULL
      ) STRICT;
    `);
    if (plain > 0) {
      db.prepare('INSERT INTO pending_vacuum (id, reason, since) VALUES (1, ?, ?)').run(
        `${plain} plain TOTP ${plain === 1 ? 'secret was' : 'secrets were'} moved out of the users table (migration 271)`, new Date().toISOString(),
      );
    }
  },
};
