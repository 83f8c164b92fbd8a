import { DateTime } from 'luxon';

/**
 * The local wall-clock time of an instant in `timeZone`, held as a UTC DateTime with the same
 * fields ("floating" time). Calendar arithmetic on it (plus days, plus months) never meets a DST
 * change, so the result is always the intended wall-clock time; resolveWallTime then decides which
 * instant it is. Luxon's own zoned arithmetic would silently move a time in a spring-forward gap
 * by the gap's length (02:30 → 03:30) and pick the later instant of an ambiguous one.
 */
export function wallTimeOf(epochMs: number, timeZone: string): DateTime {
  return DateTime.fromMillis(epochMs, { zone: timeZone }).setZone('utc', { keepLocalTime: true });
}
