import { useSession } from '../../hooks/useSession';
import { humanize } from '../../lib/humanize';
import { RoleBadge } from '../common/RoleBadge';
import { AppearanceSettings } from './AppearanceSettings';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { MfaSetup } from './MfaSetup';

export function AccountPage({ onShowShortcuts }: { onShowShortcuts: () => void }) {
  const { session } = useSession();
  return (
    <div className="page page-narrow">
      <div className="page-header">
        <div>
          <h1>My account</h1>
          <p className="page-sub">
            Signed in as <strong>{session.user}</strong> <RoleBadge role={session.role} />
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="perm-title">
        <div className="card-header"><h2 id="perm-title">What your role can do</h2></div>
        <div className="card-body">
          <ul className="perm-list">
            {session.permissions.map((p) => <li key={p} className="tag">{humanize(p.replace(':', ' '))}</li>)}
          </ul>
          <p className="muted small">Idle sessions end after {Math.round(session.idleTimeoutMs / 60_000)} minutes; the vault locks when the last session ends.</p>
        </div>
      </section>
      <ChangePassphraseForm />
      <MfaSetup />
      <AppearanceSettings onShowShortcuts={onShowShortcuts} />
    </div>
  );
}
