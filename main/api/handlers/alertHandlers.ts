import { accessReport, acknowledgeAlert, countOpenAlerts, listAlerts } from '../../monitoring';
import { getAlertSettings, getSyslogSettings, setAlertSettings, setSyslogSettings } from '../../settings';
import { actorOf, type Handlers } from './Context';

type AlertMethods = 'alerts.list' | 'alerts.openCount' | 'alerts.acknowledge' | 'settings.alerts.get' | 'settings.alerts.set' | 'settings.syslog.get' | 'settings.syslog.set' | 'audit.accessReport';

export const alertHandlers: Pick<Handlers, AlertMethods> = {
  'alerts.list': (ctx, q) => listAlerts(ctx.open().db, q),
  'alerts.openCount': (ctx) => ({ open: countOpenAlerts(ctx.open().db) }),
  'alerts.acknowledge': (ctx, { id, note }) => acknowledgeAlert(ctx.open().db, id, actorOf(ctx).user, note, ctx.nowIso()),
  'settings.alerts.get': (ctx) => getAlertSettings(ctx.open().db),
  'settings.alerts.set': (ctx, settings) => {
    const view = setAlertSettings(ctx.open().db, settings, actorOf(ctx).user, ctx.nowIso());
    // The failed sign-in thresholds also count at a locked vault (siem-config.json).
    ctx.siem.reload();
    return view;
  },
  'settings.syslog.get': (ctx) => ({ ...getSyslogSettings(ctx.open().db), status: ctx.siem.syslogStatus() }),
  'settings.syslog.set': (ctx, settings) => {
    const stored = setSyslogSettings(ctx.open().db, settings, actorOf(ctx).user, ctx.nowIso());
    ctx.siem.reload();
    return { ...stored, status: ctx.siem.syslogStatus() };
  },
  'audit.accessReport': (ctx, q) => accessReport(ctx.open().db, q),
};
