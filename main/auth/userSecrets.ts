import { ApiFailure } from '../../contract';
import { checkpointWal, purgeTable, type Db } from '../store';
import type { SlotKey } from '../vault';
import { openTotp, sealTotp } from './totpSeal';
import { createUserKey, dropUserKeys, openUserKey } from './userKeys';
import type { UserRecord } from './users';

/** The definition purgeTable rewrites totp_legacy with (as migration 0271 created it). */
const TOTP_LEGACY = `(
  user TEXT PRIMARY KEY REFERENCES users(name),
  secret TEXT NOT NULL
) STRICT`;

/**
 * The TOTP secret a sign-in must check the code against, with the user's key from the slot the
 * passphrase opened (null when the slot has none yet). A sealed secret that this slot's key
 * cannot open (vault.json replaced by one from elsewhere) is refused with the way out: the
 * recovery key, resetting two-factor sign-in.
 */
export function totpForSignIn(db: Db, record: UserRecord, slot: SlotKey): { secret: string | null; userKey: Buffer | null } {
  const userKey = openUserKey(db, slot);
  if (record.totp.sealed !== null) {
    const secret = userKey === null ? null : openTotp(userKey, record.name, 'secret', record.totp.sealed);
    if (secret === null) {
      throw new ApiFailure(
        'BAD_CREDENTIALS',
        `the two-factor secret of ${record.name} does not open with this key slot (was vault.json replaced?): recover with the recovery key and reset two-factor sign-in, then enrol again`,
      );
    }
    return { secret, userKey };
  }
  return { secret: record.totp.legacy, userKey };
}

/**
 * After a successful sign-in: the user's key for this slot (made now if the slot has none), a
 * plain secret from before migration 0271 sealed under it and its plain row removed without a
 * trace (purgeTable), and keys wrapped for slots the user no longer has dropped. Returns the key
 * for the session (two-factor enrolment seals with it).
 */
export function settleUserSecrets(db: Db, record: UserRecord, slot: SlotKey, userKey: Buffer | null, now: string): Buffer {
  let key = userKey;
  db.transaction(() => {
    key ??= createUserKey(db, slot, now);
    if (record.totp.legacy !== null) {
      db.prepare('UPDATE users SET totp_sealed = ? WHERE name = ?').run(sealTotp(key, record.name, 'secret', record.totp.legacy), record.name);
      db.prepare('DELETE FROM totp_legacy WHERE user = ?').run(record.name);
      purgeTable(db, 'totp_legacy', TOTP_LEGACY);
    }
  })();
  if (record.totp.legacy !== null) checkpointWal(db);
  dropUserKeys(db, record.name, slot.slotId);
  if (key === null) throw new Error('unreachable: the key was made in the transaction');
  return key;
}

/**
 * Ends a user's two-factor enrolment (sealed, pending and plain) without a trace of a plain one.
 * With `keys`, also the user's wrapped keys: their passphrase slot is being replaced by one an
 * administrator or the recovery key set, which cannot have them. Returns whether the user was
 * enrolled. Runs inside the caller's transaction; checkpointWal after it.
 */
export function clearUserSecrets(db: Db, name: string, opts: { keys: boolean }): boolean {
  const enrolled = db.prepare('SELECT 1 FROM users u WHERE name = ? AND (totp_sealed IS NOT NULL OR EXISTS (SELECT 1 FROM totp_legacy l WHERE l.user = u.name))').get(name) !== undefined;
  db.prepare('UPDATE users SET totp_sealed = NULL, totp_pending_sealed = NULL, totp_last_step = NULL WHERE name = ?').run(name);
  if (db.prepare('DELETE FROM totp_legacy WHERE user = ?').run(name).changes > 0) purgeTable(db, 'totp_legacy', TOTP_LEGACY);
  if (opts.keys) dropUserKeys(db, name, null);
  return enrolled;
}
