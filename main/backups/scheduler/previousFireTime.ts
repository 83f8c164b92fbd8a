import { compileCron, localTime, matchesDay, MAX_DAYS, type CronSpec } from './compileCron';

/**
 * The latest time at or before `at` that the cron expression fires (whole seconds, local time,
 * node-cron's reading of the expression), or null when it never fired in the last 29 years.
 * Throws when the expression is not valid.
 */
export function previousFireTime(expression: string | CronSpec, at: Date): Date | null {
  const spec = typeof expression === 'string' ? compileCron(expression) : expression;
  const base = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const hours = [...spec.hours].reverse();
  const minutes = [...spec.minutes].reverse();
  const seconds = [...spec.seconds].reverse();
  const day = new Date(base.getFullYear(), base.getMonth(), base.getDate(), 12);
  for (let i = 0; i < MAX_DAYS; i++, day.setDate(day.getDate() - 1)) {
    const [y, mo, d] = [day.getFullYear(), day.getMonth() + 1, day.getDate()];
    if (!matchesDay(spec, y, mo, d)) continue;
    for (const h of hours) {
      if (i === 0 && h > base.getHours()) continue;
      for (const mi of minutes) {
        if (i === 0 && h === base.getHours() && mi > base.getMinutes()) continue;
        for (const s of seconds) {
          const t = localTime(y, mo, d, h, mi, s);
          if (t !== null && t.getTime() <= base.getTime()) return t;
        }
      }
    }
  }
  return null;
}
