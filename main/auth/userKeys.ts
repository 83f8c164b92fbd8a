import { randomBytes } from 'node:crypto';
import { checkpointWal, purgeTable, type Db } from '../store';
import { unwrapKey, wrapKey, type SlotKey } from '../vault';

/** The definition purgeTable rewrites user_keys with (as migration 0271 created it). */
export const USER_KEYS = `(
  user TEXT NOT NULL REFERENCES users(name),
  slot_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  ciphertext TEXT NOT NULL,
  tag TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user, slot_id)
) STRICT`;

/** Bound to the user and the slot, so a wrapped key cannot be moved to another user or slot. */
const aadFor = (user: string, slotId: string): string => `firebreak-userkey-v1|${user}|${slotId}`;

/**
 * A user's own key: 32 random bytes that seal the user's secrets (their TOTP secret) inside the
 * database, stored only wrapped (AES-256-GCM) under the KEK of the user's passphrase slot, one
 * row per slot (`user_keys`). The data key, which every slot gives, opens the database but not
 * this: only the user's passphrase derives the KEK (docs/security.md). The wrapped key lives in
 * the database rather than in vault.json so that a passphrase change never needs a second file
 * to change in step: the new slot's row is written first, then vault.json, then the old row goes.
 *
 * The key itself, or null when this slot has no row (a user who has not signed in since 0271, or
 * a vault.json from elsewhere). A row whose key does not unwrap is null too.
 */
export function openUserKey(db: Db, slot: SlotKey): Buffer | null {
  const row = db.prepare('SELECT nonce, ciphertext, tag FROM user_keys WHERE user = ? AND slot_id = ?').get(slot.user, slot.slotId) as
    { nonce: string; ciphertext: string; tag: string } | undefined;
  return row === undefined ? null : unwrapKey(slot.kek, row, aadFor(slot.user, slot.slotId));
}

/** Wraps `key` for a slot (a new user key, or the same key for a new passphrase), replacing that slot's row if any. */
export function wrapUserKey(db: Db, key: Buffer, slot: SlotKey, now: string): void {
  const w = wrapKey(slot.kek, key, aadFor(slot.user, slot.slotId));
  db.prepare('INSERT OR REPLACE INTO user_keys (user, slot_id, nonce, ciphertext, tag, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(slot.user, slot.slotId, w.nonce, w.ciphertext, w.tag, now);
}

/** A new random user key, wrapped for the slot. */
export function createUserKey(db: Db, slot: SlotKey, now: string): Buffer {
  const key = randomBytes(32);
  wrapUserKey(db, key, slot, now);
  return key;
}

/**
 * Removes the user's wrapped keys except the one for `keep` (null: all of them), and rewrites
 * the table so the removed rows leave no copy in the file: a key wrapped under an old passphrase
 * is worth something to whoever knew that passphrase. Nothing to remove: nothing is written.
 * Inside a transaction the WAL is left for the caller to checkpoint (checkpointWal).
 */
export function dropUserKeys(db: Db, user: string, keep: string | null): void {
  const gone = db.prepare('DELETE FROM user_keys WHERE user = ? AND slot_id IS NOT ?').run(user, keep);
  if (gone.changes === 0) return;
  purgeTable(db, 'user_keys', USER_KEYS);
  checkpointWal(db);
}
