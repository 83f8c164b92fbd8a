import './zodConfig';
/**
 * When the deadline board warns before a notification deadline (issue #5: "alarms at configurable
 * thresholds (e.g. 24 h, 4 h before)"). Stored as one setting (`settings.alarms.*`); the alarm at
 * the deadline itself is always raised and is not part of the list.
 */
import { z } from 'zod';

/** Warn this many hours before a notification deadline, until an administrator sets other hours. */
export const DEFAULT_ALARM_HOURS: readonly number[] = [24, 4];
export const MAX_ALARM_THRESHOLDS = 6;
/** 30 days: the longest period a shipped regime counts in days is a month; earlier than that is planning, not an alarm. */
export const MAX_ALARM_HOURS = 720;

/**
 * Whole hours before the deadline, 1 to 720, one to six of them; kept sorted, longest first. At
 * least one: warnings of a legal deadline cannot be switched off by emptying the list.
 */
export const alarmHoursSchema = z
  .array(z.int().min(1).max(MAX_ALARM_HOURS))
  .min(1)
  .max(MAX_ALARM_THRESHOLDS)
  .refine((hours) => new Set(hours).size === hours.length, 'each threshold once')
  .transform((hours) => [...hours].sort((a, b) => b - a));

export const alarmSettingsInputSchema = z.strictObject({ hours: alarmHoursSchema });

export interface AlarmSettings {
  /** The thresholds the alarm sweep uses now, longest first. */
  hours: number[];
  /** `settings`: set by an administrator; `default`: not set, the backend's default applies. */
  source: 'settings' | 'default';
}
