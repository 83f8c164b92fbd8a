import { getAlarmSettings, getLetterhead, getNotifyPlan, setAlarmSettings, setLetterhead, setNotifyPlan } from '../../settings';
import { actorOf, type Handlers } from './Context';

type SettingsMethods = 'settings.letterhead.get' | 'settings.letterhead.set' | 'settings.alarms.get' | 'settings.alarms.set' | 'settings.notifyPlan.get' | 'settings.notifyPlan.set';

export const settingsHandlers: Pick<Handlers, SettingsMethods> = {
  'settings.letterhead.get': (ctx) => getLetterhead(ctx.open().db),
  'settings.letterhead.set': (ctx, letterhead) => setLetterhead(ctx.open().db, letterhead, actorOf(ctx).user, ctx.nowIso()),
  'settings.notifyPlan.get': (ctx) => getNotifyPlan(ctx.open().db),
  'settings.notifyPlan.set': (ctx, plan) => setNotifyPlan(ctx.open().db, plan, actorOf(ctx).user, ctx.nowIso()),
  'settings.alarms.get': (ctx) => getAlarmSettings(ctx.open().db, ctx.deadlineAlarmHours),
  'settings.alarms.set': (ctx, { hours }) => setAlarmSettings(ctx.open().db, hours, actorOf(ctx).user, ctx.nowIso(), ctx.deadlineAlarmHours),
};
