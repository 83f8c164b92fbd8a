import { DEFAULT_ALARM_HOURS, type AlarmSettings } from '../../contract';
import type { Db } from '../store';
import { ALARM_HOURS_KEY, getAlarmSettings } from './getAlarmSettings';
import { writeSetting } from './writeSetting';

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
    writeSetting(db, ALARM_HOURS_KEY, hours, { hours: { from: before.hours, to: [...hours] } }, actor, now);
    return getAlarmSettings(db, fallback);
  }).immediate();
}
