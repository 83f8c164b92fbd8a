import { checkpointWal, type Db } from '../store';
import { appendEvent } from '../timeline';
import { checkUserChange } from './checkUserChange';
import { getUser, type UserRecord } from './users';
import { clearUserSecrets } from './userSecrets';

export interface ResetUserMfaInput {
  name: string;
  by: string;
  now: string;
}

/**
 * An administrator ends another user's two-factor enrolment (a lost phone, a secret that may
 * have leaked): the sealed secret (or a plain one from before migration 0271, without a trace)
 * goes, `mfa.reset` is logged, and the user signs in with the passphrase alone until they enrol
 * again. The administrator never sees the secret: it is sealed under the user's own key. Refused
 * for an unknown user, one not enrolled, and yourself.
 */
export function resetUserMfa(db: Db, input: ResetUserMfaInput): UserRecord {
  const { name, by, now } = input;
  const user = db.transaction(() => {
    checkUserChange(db, name, 'reset-mfa', by);
    clearUserSecrets(db, name, { keys: false });
    appendEvent(db, { actor: by, type: 'mfa.reset', ts: now, data: { name } });
    return getUser(db, name);
  })();
  checkpointWal(db);
  return user;
}
