import { useBackupSchedule } from '../../hooks/useBackupSchedule';
import { useOpenAlerts } from '../../hooks/useOpenAlerts';
import { useOverdueActions } from '../../hooks/useOverdueActions';
import { useCan } from '../../hooks/useSession';
import { scheduleProblems } from '../../lib/scheduleProblems';
import { hrefFor, type Route } from '../../lib/routes';
import { Icon, type IconName } from '../common/Icon';
import { Kbd } from '../common/Kbd';

interface Item {
  label: string;
  icon: IconName;
  route: Route;
  active: boolean;
  shortcut: string;
  /** Problems waiting there (failed scheduled backups or verifications, overdue action items). */
  alerts?: number;
  /** What one and several of them are called, for screen readers. Default: problem, problems. */
  alertNoun?: readonly [string, string];
}

export function SideNav({ route, onHelp }: { route: Route; onHelp: () => void }) {
  const canAudit = useCan('audit:read');
  const canAlerts = useCan('alert:read');
  const openAlerts = useOpenAlerts(canAlerts);
  const canManage = useCan('user:manage');
  const canBackups = useCan('backup:read');
  const canNotify = useCan('notify:read');
  const canSettings = useCan('settings:manage');
  const canReports = useCan('report:read');
  const canWork = useCan('action:write');
  const canActions = canReports || canWork;
  // Overdue action items are counted beside the entry on every screen, like failed backups.
  const overdueActions = useOverdueActions(canActions);
  // A failed scheduled backup or a damaged backup must be seen from every screen, not only Backups.
  const backupAlerts = scheduleProblems(useBackupSchedule(canBackups)).length;
  const items: Item[] = [
    { label: 'Incidents', icon: 'incidents', route: { name: 'incidents' }, active: route.name === 'incidents' || route.name === 'incident' || route.name === 'run' || route.name === 'review', shortcut: 'g i' },
    { label: 'Runbooks', icon: 'book', route: { name: 'runbooks' }, active: route.name === 'runbooks', shortcut: 'g r' },
    ...(canReports ? [{ label: 'Dashboard', icon: 'activity' as const, route: { name: 'dashboard' as const }, active: route.name === 'dashboard', shortcut: 'g k' }] : []),
    ...(canBackups ? [{ label: 'Backups', icon: 'database' as const, route: { name: 'backups' as const }, active: route.name === 'backups', shortcut: 'g b', alerts: backupAlerts }] : []),
    ...(canNotify ? [{ label: 'Deadlines', icon: 'clock' as const, route: { name: 'deadlines' as const }, active: route.name === 'deadlines', shortcut: 'g d' }] : []),
    ...(canActions ? [{ label: 'Action items', icon: 'check' as const, route: { name: 'actions' as const }, active: route.name === 'actions', shortcut: 'g t', alerts: overdueActions, alertNoun: ['overdue', 'overdue'] as const }] : []),
    ...(canAudit ? [{ label: 'Audit log', icon: 'audit' as const, route: { name: 'audit' as const }, active: route.name === 'audit', shortcut: 'g a' }] : []),
    ...(canAlerts ? [{ label: 'Alerts', icon: 'alert' as const, route: { name: 'alerts' as const }, active: route.name === 'alerts', shortcut: 'g l', alerts: openAlerts, alertNoun: ['open alert', 'open alerts'] as const }] : []),
    ...(canManage ? [{ label: 'Users', icon: 'users' as const, route: { name: 'users' as const }, active: route.name === 'users', shortcut: 'g u' }] : []),
    ...(canSettings ? [{ label: 'Settings', icon: 'key' as const, route: { name: 'settings' as const }, active: route.name === 'settings', shortcut: 'g s' }] : []),
    { label: 'My account', icon: 'user', route: { name: 'account' }, active: route.name === 'account', shortcut: 'g m' },
  ];
  return (
    <nav className="sidenav" aria-label="Main">
      <a className="sidenav-brand" href={hrefFor({ name: 'incidents' })}>
        <span className="brand-mark">
          <Icon name="flame" size={16} />
        </span>
        <span>Firebreak</span>
      </a>
      <ul>
        {items.map((item) => (
          <li key={item.label}>
            <a href={hrefFor(item.route)} className={item.active ? 'is-active' : undefined} aria-current={item.active ? 'page' : undefined}>
              <Icon name={item.icon} />
              <span>{item.label}</span>
              {(item.alerts ?? 0) > 0 && (
                <span className="nav-alert" data-testid="nav-alert">
                  {item.alerts}<span className="visually-hidden"> {(item.alertNoun ?? ['problem', 'problems'])[item.alerts === 1 ? 0 : 1]}</span>
                </span>
              )}
              <span className="nav-shortcut" aria-hidden="true">{item.shortcut}</span>
            </a>
          </li>
        ))}
      </ul>
      <div className="sidenav-foot">
        <button type="button" className="sidenav-help" onClick={onHelp}>
          <Icon name="keyboard" />
          <span>Keyboard shortcuts</span>
          <Kbd>?</Kbd>
        </button>
      </div>
    </nav>
  );
}
