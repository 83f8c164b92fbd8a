import type { AlertSettings } from '../../contract';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether `ts` falls in the working hours, read in their time zone (daylight saving included, by
 * Intl). A night shift (start after end) belongs to the day it starts: 22:00–06:00 on Monday
 * covers Monday 22:00 to Tuesday 06:00.
 */
export function isWorkingTime(ts: string, w: AlertSettings['workingHours']): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: w.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(ts));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAYS.indexOf(get('weekday'));
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  const start = minutesOf(w.start);
  const end = minutesOf(w.end);
  if (start < end) return w.days.includes(day) && minute >= start && minute < end;
  // Over midnight: the evening part on a working day, or the morning part after one.
  return (w.days.includes(day) && minute >= start) || (w.days.includes((day + 6) % 7) && minute < end);
}
