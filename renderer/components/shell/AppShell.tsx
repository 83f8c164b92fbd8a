import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { formatDateTime } from '../../lib/formatDateTime';
import { useHotkeys } from '../../hooks/useHotkeys';
import { useRoute } from '../../hooks/useRoute';
import { useStoredState } from '../../hooks/useStoredState';
import { DEFAULT_QUERY, isListQuery, type ListQuery } from '../../lib/listQuery';
import { hrefFor } from '../../lib/routes';
import { AccountPage } from '../account/AccountPage';
import { AuditPage } from '../audit/AuditPage';
import { IncidentPage } from '../detail/IncidentPage';
import { IncidentsPage } from '../incidents/IncidentsPage';
import { RunbooksPage } from '../runbooks/RunbooksPage';
import { BackupsPage } from '../backups/BackupsPage';
import { DeadlinesPage } from '../notify/DeadlinesPage';
import { Spinner } from '../common/Spinner';
import { SettingsPage } from '../settings/SettingsPage';
import { NewIncidentDialog } from '../incidents/NewIncidentDialog';
import { UsersPage } from '../users/UsersPage';
import { HelpDialog } from './HelpDialog';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';
import { VerifyChainDialog } from './VerifyChainDialog';
import { NotPermitted } from './NotPermitted';

/** The dashboard brings the chart library (recharts, ~480 kB): loaded when it is first opened, so the incident list starts as fast as before. */
const DashboardPage = lazy(() => import('../dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));

type Dialog = 'help' | 'verify' | 'new-incident' | null;

/** The signed-in console: navigation, header, the routed page, global shortcuts and dialogs. */
export function AppShell() {
  const [route, navigate] = useRoute();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [query, setQuery] = useStoredState<ListQuery>('firebreak.incidentQuery', DEFAULT_QUERY, 'session', isListQuery);
  const [focusFilter, setFocusFilter] = useState(0);
  const canWrite = useCan('incident:write');
  const canAudit = useCan('audit:read');
  const canManage = useCan('user:manage');
  const canBackups = useCan('backup:read');
  const canNotify = useCan('notify:read');
  const canSettings = useCan('settings:manage');
  const canReports = useCan('report:read');
  const toasts = useToasts();
  // A deadline alarm reaches whoever is signed in, on any screen (it is also in the timeline).
  usePush('notify.alarm', (a) => {
    const when = a.threshold === 0 ? 'has passed' : `is in less than ${a.threshold} h`;
    toasts.show('error', `${a.ref}: the ${a.regimeName} deadline ${when}`, `${a.stageTitle}, due ${formatDateTime(a.due)}.`);
  });
  const closeDialog = useCallback(() => setDialog(null), []);

  // After a sign-in as someone else the address may still name a page this role cannot open.
  const forbidden = (route.name === 'audit' && !canAudit) || (route.name === 'users' && !canManage) || (route.name === 'backups' && !canBackups) || (route.name === 'deadlines' && !canNotify) || (route.name === 'settings' && !canSettings) || (route.name === 'dashboard' && !canReports);
  useEffect(() => {
    if (forbidden) window.history.replaceState(null, '', hrefFor({ name: 'incidents' }));
    if (forbidden) window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, [forbidden]);

  useHotkeys({
    '?': () => setDialog('help'),
    '/': () => {
      if (route.name !== 'incidents') navigate({ name: 'incidents' });
      setFocusFilter((n) => n + 1);
    },
    n: () => {
      if (canWrite) setDialog('new-incident');
    },
    'g i': () => navigate({ name: 'incidents' }),
    'g r': () => navigate({ name: 'runbooks' }),
    'g b': () => {
      if (canBackups) navigate({ name: 'backups' });
    },
    'g d': () => {
      if (canNotify) navigate({ name: 'deadlines' });
    },
    'g k': () => {
      if (canReports) navigate({ name: 'dashboard' });
    },
    'g a': () => {
      if (canAudit) navigate({ name: 'audit' });
    },
    'g u': () => {
      if (canManage) navigate({ name: 'users' });
    },
    'g s': () => {
      if (canSettings) navigate({ name: 'settings' });
    },
    'g m': () => navigate({ name: 'account' }),
  });

  let page;
  switch (route.name) {
    case 'incidents':
      page = (
        <IncidentsPage
          query={query}
          onQueryChange={setQuery}
          focusFilter={focusFilter}
          onNew={() => setDialog('new-incident')}
          onOpen={(ref) => navigate({ name: 'incident', ref })}
        />
      );
      break;
    case 'incident':
      page = <IncidentPage key={route.ref} incidentRef={route.ref} />;
      break;
    case 'run':
      page = <IncidentPage key={route.ref} incidentRef={route.ref} runId={route.runId} />;
      break;
    case 'runbooks':
      page = <RunbooksPage />;
      break;
    case 'backups':
      page = canBackups ? <BackupsPage /> : <NotPermitted what="backups" />;
      break;
    case 'deadlines':
      page = canNotify ? <DeadlinesPage /> : <NotPermitted what="notification deadlines" />;
      break;
    case 'dashboard':
      page = canReports ? <Suspense fallback={<Spinner label="Loading the dashboard" />}><DashboardPage /></Suspense> : <NotPermitted what="the KPI dashboard" />;
      break;
    case 'settings':
      page = canSettings ? <SettingsPage /> : <NotPermitted what="settings" />;
      break;
    case 'audit':
      page = canAudit ? <AuditPage onVerify={() => setDialog('verify')} /> : <NotPermitted what="the audit log" />;
      break;
    case 'users':
      page = canManage ? <UsersPage /> : <NotPermitted what="user management" />;
      break;
    case 'account':
      page = <AccountPage onShowShortcuts={() => setDialog('help')} />;
      break;
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        Skip to main content
      </a>
      <SideNav route={route} onHelp={() => setDialog('help')} />
      <div className="shell-main">
        <TopBar route={route} onVerify={() => setDialog('verify')} onHelp={() => setDialog('help')} />
        <main id="main" className="content" tabIndex={-1}>
          {page}
        </main>
      </div>
      {dialog === 'help' && <HelpDialog onClose={closeDialog} />}
      {dialog === 'verify' && <VerifyChainDialog onClose={closeDialog} />}
      {dialog === 'new-incident' && (
        <NewIncidentDialog
          onClose={closeDialog}
          onCreated={(ref) => {
            setDialog(null);
            navigate({ name: 'incident', ref });
          }}
        />
      )}
    </div>
  );
}
