import { ApiFailure, roleHas } from '../../contract';
import type { Db } from '../store';
import { findUser } from '../auth';

const refuse = (message: string): never => {
  throw new ApiFailure('VALIDATION', `owner: ${message}`, { issues: [`owner: ${message}`] });
};

/**
 * An owner is someone who can work the item: an existing user, not disabled, whose role may
 * mark action items done (action:write; auditors read, they do not act).
 */
export function checkActionOwner(db: Db, owner: string): void {
  const user = findUser(db, owner);
  if (!user) return refuse(`no user named ${owner}`);
  if (user.status === 'disabled') return refuse(`${owner} is disabled and cannot sign in: choose someone who can`);
  if (!roleHas(user.role, 'action:write')) return refuse(`${owner} is an ${user.role}, and that role cannot work action items (action:write): choose someone who can mark it done`);
}
