import type { User } from '../../contract';
import { formatTable } from './format';

/** A user's state in words: active, disabled (since, by), or waiting to change an administrator's passphrase. */
export function userStatusText(u: User): string {
  if (u.status === 'disabled') return `disabled since ${u.disabledAt?.slice(0, 16) ?? '?'} by ${u.disabledBy ?? '?'}`;
  return u.mustChangePassphrase ? 'must change passphrase' : 'active';
}

/** `user list`: one row per user, disabled ones included (their records stay theirs). */
export function formatUsers(users: User[]): string {
  if (users.length === 0) return 'No users.';
  return formatTable(
    ['NAME', 'ROLE', 'MFA', 'CREATED', 'STATUS'],
    users.map((u) => [u.name, u.role, u.mfaEnrolled ? 'yes' : 'no', u.createdAt.slice(0, 16), userStatusText(u)]),
  );
}
