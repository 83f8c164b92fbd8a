import { ApiFailure } from '../../contract';
import type { Db } from '../store';
import { countActiveAdmins, getUser, type UserRecord } from './users';

export type UserChange = 'disable' | 'enable' | 'reset-passphrase' | 'reset-mfa';

/**
 * The user `change` applies to, or the refusal (ApiFailure) that changes nothing: an unknown user;
 * disabling someone already disabled, the last administrator who can sign in, or yourself;
 * enabling someone active; resetting the passphrase of someone disabled, or your own; resetting
 * the two-factor enrolment of someone not enrolled, or your own. Called
 * before the slow key derivation and again inside the transaction that makes the change.
 */
export function checkUserChange(db: Db, name: string, change: UserChange, by: string): UserRecord {
  const user = getUser(db, name);
  switch (change) {
    case 'disable':
      if (user.status === 'disabled') throw new ApiFailure('CONFLICT', `${name} is already disabled (since ${user.disabledAt ?? '?'}, by ${user.disabledBy ?? '?'})`);
      if (user.role === 'admin' && countActiveAdmins(db) <= 1) {
        throw new ApiFailure('CONFLICT', `${name} is the last administrator; make another user admin first`);
      }
      if (name === by) throw new ApiFailure('CONFLICT', 'you cannot disable your own account; another administrator can');
      return user;
    case 'enable':
      if (user.status === 'active') throw new ApiFailure('CONFLICT', `${name} is not disabled; to give them a new passphrase, reset it instead`);
      return user;
    case 'reset-passphrase':
      if (user.status === 'disabled') throw new ApiFailure('CONFLICT', `${name} is disabled; enable them, which sets a new passphrase`);
      if (name === by) throw new ApiFailure('CONFLICT', 'change your own passphrase under My account (it asks for the current one)');
      return user;
    case 'reset-mfa':
      if (!user.mfaEnrolled) throw new ApiFailure('CONFLICT', `${name} has no two-factor enrolment: nothing was changed`);
      if (name === by) throw new ApiFailure('CONFLICT', 'you cannot remove your own two-factor sign-in; another administrator can');
      return user;
  }
}
