import { ApiFailure, type Role } from '../../contract';
import { PII_ROLES, revokePiiAccess, sweepPiiGrants } from '../pii';
import { checkpointWal, type Db } from '../store';
import { appendEvent } from '../timeline';
import { countActiveAdmins, getUser, updateRole, type UserRecord } from './users';

export interface ChangeRoleInput {
  name: string;
  role: Role;
  by: string;
  now: string;
}

/**
 * A new role, logged as `user.role_changed`; the user's sessions from before end (epoch raised),
 * so no window keeps the old role's menus. The same role changes and logs nothing (returns null).
 * Refused when it would leave no administrator who can sign in.
 */
export function changeRole(db: Db, input: ChangeRoleInput): UserRecord | null {
  const { name, role, by, now } = input;
  const changed = db.transaction(() => {
    const before = getUser(db, name);
    if (before.role === role) return null;
    if (before.role === 'admin' && before.status === 'active' && countActiveAdmins(db) <= 1) {
      throw new ApiFailure('CONFLICT', `${name} is the last administrator; make another user admin first`);
    }
    updateRole(db, name, role);
    // pii:read follows the role: the personal-data key is granted (now, or pending until the user
    // has a key pair and a holder is signed in), or the grant is removed and the key rotated.
    const had = PII_ROLES.includes(before.role);
    const has = PII_ROLES.includes(role);
    const pii = had && !has
      ? { piiRevoked: true, piiKeyRotated: revokePiiAccess(db, name, by, now).rotated }
      : !had && has
        ? { piiGranted: sweepPiiGrants(db, by, now).includes(name) ? 'granted' : 'pending' }
        : {};
    appendEvent(db, { actor: by, type: 'user.role_changed', ts: now, data: { name, from: before.role, to: role, ...pii } });
    return getUser(db, name);
  })();
  if (changed) checkpointWal(db);
  return changed;
}
