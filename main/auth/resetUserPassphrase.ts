import { ApiFailure } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { getUser, type UserRecord } from './users';

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
 */
export function resetUserPassphrase(db: Db, input: ResetUserPassphraseInput, installSlot: () => void): UserRecord {
  const { name, by, now } = input;
  return db.transaction(() => {
    const user = getUser(db, name);
    if (user.status === 'disabled') throw new ApiFailure('CONFLICT', `${name} is disabled; enable them, which sets a new passphrase`);
    if (name === by) throw new ApiFailure('CONFLICT', 'change your own passphrase under My account (it asks for the current one)');
    db.prepare(
      "UPDATE users SET must_change_passphrase = 1, session_epoch = session_epoch + 1, sessions_revoked_for = 'passphrase_reset' WHERE name = ?",
    ).run(name);
    appendEvent(db, { actor: by, type: 'user.passphrase_reset', ts: now, data: { name } });
    installSlot();
    return getUser(db, name);
  })();
}
