import { ApiFailure, type Role } from '../../contract';
import type { Db } from '../store';
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
  return db.transaction(() => {
    const before = getUser(db, name);
    if (before.role === role) return null;
    if (before.role === 'admin' && before.status === 'active' && countActiveAdmins(db) <= 1) {
      throw new ApiFailure('CONFLICT', `${name} is the last administrator; make another user admin first`);
    }
    updateRole(db, name, role);
    appendEvent(db, { actor: by, type: 'user.role_changed', ts: now, data: { name, from: before.role, to: role } });
    return getUser(db, name);
  })();
}
