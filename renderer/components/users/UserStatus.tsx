import type { User } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';

/** Active, disabled (since when, by whom) or waiting for the user to choose their own passphrase. */
export function UserStatus({ user }: { user: User }) {
  if (user.status === 'disabled') {
    return (
      <span className="user-status">
        <span className="badge badge-disabled">Disabled</span>
        {user.disabledAt && (
          <span className="muted small">
            since {formatDateTime(user.disabledAt)}
            {user.disabledBy ? ` by ${user.disabledBy}` : ''}
          </span>
        )}
      </span>
    );
  }
  if (user.mustChangePassphrase) {
    return (
      <span className="user-status">
        <span className="badge badge-pending">Must change passphrase</span>
        <span className="muted small">at the next sign-in</span>
      </span>
    );
  }
  return <span className="badge badge-ok">Active</span>;
}
