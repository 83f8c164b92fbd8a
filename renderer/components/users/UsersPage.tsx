import { useState } from 'react';
import { ROLES, type Role } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { useSession } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { formatDateTime } from '../../lib/formatDateTime';
import { humanize } from '../../lib/humanize';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { AddUserDialog } from './AddUserDialog';

export function UsersPage() {
  const client = useClient();
  const toasts = useToasts();
  const { session, refresh } = useSession();
  const users = useApiResource(() => client.call('users.list', {}), [client]);
  const [adding, setAdding] = useState(false);

  const changeRole = async (name: string, role: Role): Promise<void> => {
    const result = await client.call('users.setRole', { name, role });
    if (result.ok) toasts.show('success', `${name} is now ${humanize(role).toLowerCase()}`);
    else toasts.show('error', `Role of ${name} not changed`, result.error.message);
    if (result.ok && name === session.user) {
      // The backend applies the new role to this session at once; the console has to follow it
      // (menus, controls, and this page, which no other role may see).
      await refresh();
      return;
    }
    void users.reload();
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="page-sub">Everyone with a key slot in this vault. Roles decide what each person can see and do.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          <Icon name="plus" size={15} />
          Add user
        </button>
      </div>
      {users.error && <ErrorBanner>{users.error.message}</ErrorBanner>}
      {!users.data && users.loading && <Spinner label="Loading users" />}
      {users.data && (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Two-factor</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.name}>
                  <td>
                    <span className="user-cell">
                      <span className="avatar avatar-sm" aria-hidden="true">{u.name.slice(0, 2).toUpperCase()}</span>
                      {u.name}
                      {u.name === session.user && <span className="muted small">(you)</span>}
                    </span>
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`role-${u.name}`}>Role of {u.name}</label>
                    <select id={`role-${u.name}`} className="select-compact" value={u.role} onChange={(e) => void changeRole(u.name, e.target.value as Role)}>
                      {ROLES.map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
                    </select>
                  </td>
                  <td>{u.mfaEnrolled ? <span className="badge badge-ok">Enrolled</span> : <span className="badge badge-muted">Not enrolled</span>}</td>
                  <td className="nowrap">{formatDateTime(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && (
        <AddUserDialog
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            void users.reload();
          }}
        />
      )}
    </div>
  );
}
