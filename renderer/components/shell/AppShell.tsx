import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { formatActionId, type ActionAlarm } from '../../../contract';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatDue } from '../../lib/formatDue';
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
import { ActionItemsPage } from '../review/ActionItemsPage';
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
  const canWorkActions = useCan('action:write');
  const toasts = useToasts();
  // A deadline alarm reaches whoever is signed in, on any screen (it is also in the timeline).
  usePush('notify.alarm', (a) => {
    const when = a.threshold === 0 ? 'has passed' : `is in less than ${a.threshold} h`;
    // An exercise's alarm is part of the drill: it says so first, so nobody files a real notice for it.
    toasts.show('error', `${a.exercise ? 'EXERCISE · ' : ''}${a.ref}: the ${a.regimeName} deadline ${when}`, `${a.stageTitle}, due ${formatDateTime(a.due)}.`);
  });
  // Action item alarms likewise; a burst (the first sweep over a backlog) becomes one toast, not one per item.
  const actionAlarms = useRef<ActionAlarm[]>([]);
  const alarmTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('action.alarm', (a) => {
    actionAlarms.current.push(a);
    clearTimeout(alarmTimer.current);
    alarmTimer.current = setTimeout(() => {
      const burst = actionAlarms.current.splice(0);
      const [first] = burst;
      if (burst.length === 1 && first) {
        const when = first.threshold === 0 ? 'is overdue' : `is due in less than ${first.threshold} h`;
        toasts.show('error', `${first.exercise ? 'EXERCISE · ' : ''}${first.ref}: action item ${formatActionId(first.id)} ${when}`, `“${first.title}”, owner ${first.owner}, due ${formatDue(first.due)}.`);
      } else if (burst.length > 1) {
        const overdue = burst.filter((x) => x.threshold === 0).length;
        const parts = [overdue > 0 ? `${overdue} overdue` : '', burst.length > overdue ? `${burst.length - overdue} due within a day` : ''].filter(Boolean);
        toasts.show('error', `${burst.length} action items need attention`, `${parts.join(', ')}: see Action items.`);
      }
    }, 400);
  });
  useEffect(() => () => clearTimeout(alarmTimer.current), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  // After a sign-in as someone else the address may still name a page this role cannot open.
  const forbidden = (route.name === 'audit' && !canAudit) || (route.name === 'users' && !canManage) || (route.name === 'backups' && !canBackups) || (route.name === 'deadlines' && !canNotify) || (route.name === 'actions' && !canReports && !canWorkActions) || (route.name === 'review' && !canReports) || (route.name === 'dashboard' && !canReports) || (route.name === 'settings' && !canSettings);
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
    'g t': () => {
      if (canReports || canWorkActions) navigate({ name: 'actions' });
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
    case 'review':
      page = <IncidentPage key={route.ref} incidentRef={route.ref} tab="review" />;
      break;
    case 'actions':
      page = canReports || canWorkActions ? <ActionItemsPage /> : <NotPermitted what="action items" />;
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
