import { DEFAULT_ALARM_HOURS, type AlarmSettings } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { ALARM_HOURS_KEY, getAlarmSettings } from './getAlarmSettings';

/**
 * Replaces the deadline alarms' thresholds (hours already validated and sorted by the contract's
 * schema) and records the change in the hash chain (`settings.changed`, `hours` from the
 * thresholds in force before — the default when none was set — to the new ones). Hours equal to
 * those in force store and log nothing.
 */
export function setAlarmSettings(db: Db, hours: readonly number[], actor: string, now: string, fallback: readonly number[] = DEFAULT_ALARM_HOURS): AlarmSettings {
  return db.transaction(() => {
    const before = getAlarmSettings(db, fallback);
    if (JSON.stringify(before.hours) === JSON.stringify(hours)) return before;
    db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(ALARM_HOURS_KEY, JSON.stringify(hours), now, actor);
    appendEvent(db, { actor, type: 'settings.changed', ts: now, data: { key: ALARM_HOURS_KEY, changes: { hours: { from: before.hours, to: [...hours] } } } });
    return getAlarmSettings(db, fallback);
  }).immediate();
}
