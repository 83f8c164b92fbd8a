import { PII_ROLES, revokePiiAccess } from '../pii';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { checkUserChange } from './checkUserChange';
import { getUser, type UserRecord } from './users';

export interface DisableUserInput {
  name: string;
  /** The administrator doing it. */
  by: string;
  reason: string | null;
  now: string;
}

/**
 * Offboards a user in one transaction: marks them disabled (the row stays, so everything they did
 * stays attributed to them), raises their session epoch so every session of theirs ends, logs
 * `user.disabled`, and runs `removeSlot` (the vault.json write) last, so a failed write leaves
 * the database as it was. Refused, it changes nothing: an unknown or already disabled user, the
 * last administrator who can still sign in, or yourself (another administrator can).
 */
export function disableUser(db: Db, input: DisableUserInput, removeSlot: () => void): UserRecord {
  const { name, by, reason, now } = input;
  return db.transaction(() => {
    const user = checkUserChange(db, name, 'disable', by);
    db.prepare(
      "UPDATE users SET disabled_at = ?, disabled_by = ?, session_epoch = session_epoch + 1, sessions_revoked_for = 'disabled' WHERE name = ?",
    ).run(now, by, name);
    // A disabled holder of the personal-data key loses the grant; the key rotates (main/pii).
    const pii = PII_ROLES.includes(user.role) ? { piiRevoked: true, piiKeyRotated: revokePiiAccess(db, name, by, now).rotated } : {};
    appendEvent(db, { actor: by, type: 'user.disabled', ts: now, data: { name, role: user.role, ...(reason ? { reason } : {}), ...pii } });
    removeSlot();
    return getUser(db, name);
  })();
}
