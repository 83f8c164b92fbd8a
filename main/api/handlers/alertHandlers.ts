import { accessReport, acknowledgeAlert, countOpenAlerts, listAlerts } from '../../monitoring';
import { getAlertSettings, setAlertSettings } from '../../settings';
import { actorOf, type Handlers } from './Context';

type AlertMethods = 'alerts.list' | 'alerts.openCount' | 'alerts.acknowledge' | 'settings.alerts.get' | 'settings.alerts.set' | 'audit.accessReport';

export const alertHandlers: Pick<Handlers, AlertMethods> = {
  'alerts.list': (ctx, q) => listAlerts(ctx.open().db, q),
  'alerts.openCount': (ctx) => ({ open: countOpenAlerts(ctx.open().db) }),
  'alerts.acknowledge': (ctx, { id, note }) => acknowledgeAlert(ctx.open().db, id, actorOf(ctx).user, note, ctx.nowIso()),
  'settings.alerts.get': (ctx) => getAlertSettings(ctx.open().db),
  'settings.alerts.set': (ctx, settings) => setAlertSettings(ctx.open().db, settings, actorOf(ctx).user, ctx.nowIso()),
  'audit.accessReport': (ctx, q) => accessReport(ctx.open().db, q),
};
