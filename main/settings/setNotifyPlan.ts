import type { NotifyPlan } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { getNotifyPlan, NOTIFY_PLAN_KEY } from './getNotifyPlan';

/** Replaces the notification plan and records each changed field in the hash chain (`settings.changed`); no change, nothing logged. New notices follow it; existing ones keep what they were created with. */
export function setNotifyPlan(db: Db, plan: NotifyPlan, actor: string, now: string): NotifyPlan {
  return db.transaction(() => {
    const before = getNotifyPlan(db);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(plan)) if (before[k as keyof NotifyPlan] !== v) changes[k] = { from: before[k as keyof NotifyPlan], to: v };
    if (Object.keys(changes).length === 0) return before;
    db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(NOTIFY_PLAN_KEY, JSON.stringify(plan), now, actor);
    appendEvent(db, { actor, type: 'settings.changed', ts: now, data: { key: NOTIFY_PLAN_KEY, changes } });
    return getNotifyPlan(db);
  }).immediate();
}
