import { useState } from 'react';
import { ROLES, type Role, type User } from '../../../contract';
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
import { DisableUserDialog } from './DisableUserDialog';
import { ResetMfaDialog } from './ResetMfaDialog';
import { SetPassphraseDialog } from './SetPassphraseDialog';
import { UserStatus } from './UserStatus';

type Dialog = { kind: 'add' } | { kind: 'disable'; user: User } | { kind: 'reset'; user: User } | { kind: 'enable'; user: User } | { kind: 'mfa'; user: User } | null;

export function UsersPage() {
  const client = useClient();
  const toasts = useToasts();
  const { session, refresh } = useSession();
  const users = useApiResource(() => client.call('users.list', {}), [client]);
  const [dialog, setDialog] = useState<Dialog>(null);

  const changeRole = async (name: string, role: Role): Promise<void> => {
    const result = await client.call('users.setRole', { name, role });
    if (result.ok) toasts.show('success', `${name} is now ${humanize(role).toLowerCase()}`, name === session.user ? undefined : `Any session of ${name} was ended; they sign in again with the new role.`);
    else toasts.show('error', `Role of ${name} not changed`, result.error.message);
    if (result.ok && name === session.user) {
      // The backend applies the new role to this session at once; the console has to follow it
      // (menus, controls, and this page, which no other role may see).
      await refresh();
      return;
    }
    void users.reload();
  };

  const done = (message: string, detail: string) => {
    setDialog(null);
    toasts.show('success', message, detail);
    void users.reload();
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="page-sub">Everyone who has had access to this vault. Roles decide what each person can see and do; disabled users cannot sign in, and their records stay theirs.</p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })}>
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
                <th scope="col">Status</th>
                <th scope="col">Two-factor</th>
                <th scope="col">Created</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.name} className={u.status === 'disabled' ? 'user-row-disabled' : undefined} data-user={u.name}>
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
                  <td data-testid={`status-${u.name}`}><UserStatus user={u} /></td>
                  <td>{u.mfaEnrolled ? <span className="badge badge-ok">Enrolled</span> : <span className="badge badge-muted">Not enrolled</span>}</td>
                  <td className="nowrap">{formatDateTime(u.createdAt)}</td>
                  <td className="user-actions-cell">
                    <div className="user-actions">
                      {u.status === 'disabled' ? (
                        <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog({ kind: 'enable', user: u })} aria-label={`Enable ${u.name}`}>
                          Enable
                        </button>
                      ) : (
                        <>
                          {u.name !== session.user && (
                            <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog({ kind: 'reset', user: u })} aria-label={`Reset the passphrase of ${u.name}`}>
                              Reset passphrase
                            </button>
                          )}
                          {u.name !== session.user && u.mfaEnrolled && (
                            <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog({ kind: 'mfa', user: u })} aria-label={`Remove the two-factor sign-in of ${u.name}`}>
                              Remove two-factor
                            </button>
                          )}
                          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDialog({ kind: 'disable', user: u })} aria-label={`Disable ${u.name}`}>
                            Disable
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'add' && (
        <AddUserDialog
          onClose={() => setDialog(null)}
          onAdded={() => {
            setDialog(null);
            void users.reload();
          }}
        />
      )}
      {dialog?.kind === 'disable' && (
        <DisableUserDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDisabled={(u) => done(`${u.name} is disabled`, 'Signed out everywhere; their passphrase no longer opens the vault.')}
        />
      )}
      {dialog?.kind === 'mfa' && (
        <ResetMfaDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(u) => done(`Two-factor sign-in of ${u.name} removed`, 'They sign in with their passphrase and can enrol again under My account.')}
        />
      )}
      {(dialog?.kind === 'reset' || dialog?.kind === 'enable') && (
        <SetPassphraseDialog
          user={dialog.user}
          mode={dialog.kind}
          onClose={() => setDialog(null)}
          onDone={(u) =>
            done(
              dialog.kind === 'reset' ? `Passphrase of ${u.name} reset` : `${u.name} is enabled`,
              'Hand the passphrase over in person; they must choose their own at the next sign-in.',
            )
          }
        />
      )}
    </div>
  );
}
