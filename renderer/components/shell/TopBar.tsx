import { useOpenAlerts } from '../../hooks/useOpenAlerts';
import { useSession } from '../../hooks/useSession';
import { useTheme } from '../../hooks/useTheme';
import { hrefFor, type Route } from '../../lib/routes';
import { effectiveTheme } from '../../lib/theme';
import { Icon } from '../common/Icon';
import { RoleBadge } from '../common/RoleBadge';

const SECTION: Record<Route['name'], string> = {
  incidents: 'Incidents', incident: 'Incidents', run: 'Incidents', review: 'Incidents', actions: 'Action items', runbooks: 'Runbooks', backups: 'Backups', deadlines: 'Notification deadlines', dashboard: 'Dashboard', settings: 'Settings', audit: 'Audit log', alerts: 'Security alerts', users: 'Users', account: 'My account',
};

export function TopBar({ route, onVerify, onHelp }: { route: Route; onVerify: () => void; onHelp: () => void }) {
  const { session, lock, signOut } = useSession();
  const [theme, setTheme] = useTheme();
  const dark = effectiveTheme(theme) === 'dark';
  const canAlerts = session.permissions.includes('alert:read');
  // Open security alerts are shown on every screen to whoever may read them (administrators, auditors).
  const openAlerts = useOpenAlerts(canAlerts);
  return (
    <header className="topbar">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            {route.name === 'incident' || route.name === 'run' || route.name === 'review'
              ? <a href={hrefFor({ name: 'incidents' })}>{SECTION[route.name]}</a>
              : <span aria-current="page">{SECTION[route.name]}</span>}
          </li>
          {route.name === 'incident' && (
            <li>
              <span aria-current="page" className="mono">{route.ref}</span>
            </li>
          )}
          {route.name === 'review' && (
            <>
              <li>
                <a href={hrefFor({ name: 'incident', ref: route.ref })} className="mono">{route.ref}</a>
              </li>
              <li>
                <span aria-current="page">Review</span>
              </li>
            </>
          )}
          {route.name === 'run' && (
            <>
              <li>
                <a href={hrefFor({ name: 'incident', ref: route.ref })} className="mono">{route.ref}</a>
              </li>
              <li>
                <span aria-current="page">Runbook run</span>
              </li>
            </>
          )}
        </ol>
      </nav>
      <div className="topbar-actions">
        {canAlerts && openAlerts > 0 && (
          <a href={hrefFor({ name: 'alerts' })} className="alert-badge" data-testid="alert-badge" title="Open security alerts: see and acknowledge them">
            <Icon name="alert" size={14} />
            {openAlerts} open {openAlerts === 1 ? 'alert' : 'alerts'}
          </a>
        )}
        {session.permissions.includes('log:verify') && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onVerify}>
            <Icon name="shield" size={15} />
            Verify log
          </button>
        )}
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={() => setTheme(dark ? 'light' : 'dark')}
          aria-label={dark ? 'Switch to light theme' : 'Switch to dark theme'}
          title={dark ? 'Light theme' : 'Dark theme'}
        >
          <Icon name={dark ? 'sun' : 'moon'} />
        </button>
        <button type="button" className="btn btn-ghost btn-icon" onClick={onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          <Icon name="keyboard" />
        </button>
        <span className="topbar-divider" aria-hidden="true" />
        <div className="user-chip" data-testid="signed-in-user">
          <span className="avatar" aria-hidden="true">{session.user.slice(0, 2).toUpperCase()}</span>
          <span className="user-name">{session.user}</span>
          <RoleBadge role={session.role} />
        </div>
        {session.permissions.includes('vault:lock') && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void lock()} title="Lock the vault: signs everyone out and drops the key from memory">
            <Icon name="lock" size={14} />
            Lock
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-icon" onClick={() => void signOut()} aria-label="Sign out" title="Sign out">
          <Icon name="logout" />
        </button>
      </div>
    </header>
  );
}
