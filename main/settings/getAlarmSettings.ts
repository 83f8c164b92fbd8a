import { alarmHoursSchema, DEFAULT_ALARM_HOURS, type AlarmSettings } from '../../contract';
import type { Db } from '../store';

export const ALARM_HOURS_KEY = 'notify.alarmHours';

/**
 * The thresholds the deadline alarms use: the administrator's setting, else `fallback` (the
 * backend's option, else 24 h and 4 h). A stored value the schema no longer accepts reads as unset
 * rather than failing: the alarm sweep must keep running on a setting written by an older version.
 */
export function getAlarmSettings(db: Db, fallback: readonly number[] = DEFAULT_ALARM_HOURS): AlarmSettings {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ALARM_HOURS_KEY) as { value: string } | undefined;
  const stored = row ? alarmHoursSchema.safeParse(JSON.parse(row.value)) : null;
  if (stored?.success) return { hours: stored.data, source: 'settings' };
  return { hours: [...fallback].sort((a, b) => b - a), source: 'default' };
}
