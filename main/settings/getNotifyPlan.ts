import { DEFAULT_NOTIFY_PLAN, notifyPlanSchema, type NotifyPlan } from '../../contract';
import type { Db } from '../store';

export const NOTIFY_PLAN_KEY = 'notify.plan';

/** The notification plan an administrator set, else the default (one approval). A value an older version wrote and the schema no longer accepts reads as unset. */
export function getNotifyPlan(db: Db): NotifyPlan {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(NOTIFY_PLAN_KEY) as { value: string } | undefined;
  const stored = row ? notifyPlanSchema.safeParse(JSON.parse(row.value)) : null;
  return stored?.success ? stored.data : { ...DEFAULT_NOTIFY_PLAN };
}
