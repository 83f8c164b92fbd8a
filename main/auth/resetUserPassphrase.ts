import { checkpointWal, type Db } from '../store';
import { appendEvent } from '../timeline';
import { checkUserChange } from './checkUserChange';
import { getUser, type UserRecord } from './users';
import { clearUserSecrets } from './userSecrets';

export interface ResetUserPassphraseInput {
  name: string;
  by: string;
  now: string;
}

/**
 * An administrator sets another user's passphrase, in one transaction: the user must change it at
 * the next sign-in, their sessions end (epoch raised), `user.passphrase_reset` is logged, and
 * `installSlot` (the new key slot, which replaces the old one) runs last. Refused for an unknown
 * or disabled user (enable them instead) and for yourself (change your own with your current one).
 * Two-factor enrolment ends with it: the secret is sealed under a key only the old passphrase
 * unwraps (userKeys.ts), so no one can carry it over; the user enrols again (`mfaRemoved` in the log).
 */
export function resetUserPassphrase(db: Db, input: ResetUserPassphraseInput, installSlot: () => void): UserRecord {
  const { name, by, now } = input;
  const user = db.transaction(() => {
    checkUserChange(db, name, 'reset-passphrase', by);
    db.prepare(
      "UPDATE users SET must_change_passphrase = 1, session_epoch = session_epoch + 1, sessions_revoked_for = 'passphrase_reset' WHERE name = ?",
    ).run(name);
    const mfaRemoved = clearUserSecrets(db, name, { keys: true });
    appendEvent(db, { actor: by, type: 'user.passphrase_reset', ts: now, data: { name, mfaRemoved } });
    installSlot();
    return getUser(db, name);
  })();
  checkpointWal(db);
  return user;
}
