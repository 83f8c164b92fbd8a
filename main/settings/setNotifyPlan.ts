import type { NotifyPlan } from '../../contract';
import type { Db } from '../store';
import { getNotifyPlan, NOTIFY_PLAN_KEY } from './getNotifyPlan';
import { changedFields, writeSetting } from './writeSetting';

/** Replaces the notification plan, each changed field in the hash chain (`settings.changed`); no change, nothing logged. New notices follow it; existing ones keep what they were created with. */
export function setNotifyPlan(db: Db, plan: NotifyPlan, actor: string, now: string): NotifyPlan {
  return db.transaction(() => {
    writeSetting(db, NOTIFY_PLAN_KEY, plan, changedFields(getNotifyPlan(db), plan), actor, now);
    return getNotifyPlan(db);
  }).immediate();
}
