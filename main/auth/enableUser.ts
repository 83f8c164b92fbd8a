import { checkpointWal, type Db } from '../store';
import { appendEvent } from '../timeline';
import { checkUserChange } from './checkUserChange';
import { getUser, type UserRecord } from './users';
import { clearUserSecrets } from './userSecrets';

export interface EnableUserInput {
  name: string;
  by: string;
  now: string;
}

/**
 * Lets a disabled user sign in again, in one transaction: clears the disabled mark, requires a
 * passphrase change at the next sign-in (the administrator chose the new one), logs `user.enabled`,
 * and runs `installSlot` (the new key slot into vault.json) last. Refused for an unknown or active user.
 * A two-factor enrolment left from before ends: it was sealed under the removed slot's key.
 */
export function enableUser(db: Db, input: EnableUserInput, installSlot: () => void): UserRecord {
  const { name, by, now } = input;
  const enabled = db.transaction(() => {
    const user = checkUserChange(db, name, 'enable', by);
    db.prepare('UPDATE users SET disabled_at = NULL, disabled_by = NULL, must_change_passphrase = 1 WHERE name = ?').run(name);
    const mfaRemoved = clearUserSecrets(db, name, { keys: true });
    appendEvent(db, { actor: by, type: 'user.enabled', ts: now, data: { name, role: user.role, disabledSince: user.disabledAt, mfaRemoved } });
    installSlot();
    return getUser(db, name);
  })();
  checkpointWal(db);
  return enabled;
}
