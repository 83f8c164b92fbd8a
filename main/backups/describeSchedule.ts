import { validateDetailed } from 'node-cron';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');
const all = (values: readonly unknown[], size: number) => values.length >= size;

/**
 * A cron expression in words for the plan list ("at 02:30 every day", "every 15 minutes"), or
 * null when it is not a valid expression. Unusual patterns fall back to the expression itself.
 */
export function describeSchedule(expression: string): string | null {
  const v = validateDetailed(expression);
  if (!v.valid || !v.fields) return null;
  const { second, minute, hour, dayOfMonth, month, dayOfWeek } = v.fields;
  // A six-field expression that fires more than once a minute: say so rather than misdescribe it.
  if (second.length > 1) return all(second, 60) && all(minute, 60) && all(hour, 24) ? 'every second' : `cron ${expression}`;
  const everyDay = all(dayOfMonth, 31) && all(month, 12) && all(dayOfWeek, 7);
  if (all(hour, 24) && everyDay && minute.length > 1) {
    const step = (minute[1] ?? 0) - (minute[0] ?? 0);
    if (minute[0] === 0 && minute.every((m, i) => m === i * step)) return `every ${step} minutes`;
  }
  if (minute.length === 1 && hour.length >= 1 && hour.length <= 4 && all(dayOfMonth, 31) && all(month, 12)) {
    const times = hour.map((h) => `${pad(h)}:${pad(minute[0] ?? 0)}`).join(', ');
    if (all(dayOfWeek, 7)) return `at ${times} every day`;
    return `at ${times} on ${dayOfWeek.map((d) => DAYS[Number(d) % 7] ?? String(d)).join(', ')}`;
  }
  if (minute.length === 1 && all(hour, 24) && everyDay) return `every hour at minute ${minute[0] ?? 0}`;
  return `cron ${expression}`;
}
