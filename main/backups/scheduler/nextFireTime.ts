import { compileCron, localTime, matchesDay, MAX_DAYS, type CronSpec } from './compileCron';

/**
 * The first time strictly after `after` that the cron expression fires (whole seconds, local
 * time, as node-cron schedules it), or null when it never does within 29 years (`0 0 30 2 *`).
 * Throws when the expression is not valid.
 */
export function nextFireTime(expression: string | CronSpec, after: Date): Date | null {
  const spec = typeof expression === 'string' ? compileCron(expression) : expression;
  const base = new Date(Math.floor(after.getTime() / 1000) * 1000);
  const day = new Date(base.getFullYear(), base.getMonth(), base.getDate(), 12);
  for (let i = 0; i < MAX_DAYS; i++, day.setDate(day.getDate() + 1)) {
    const [y, mo, d] = [day.getFullYear(), day.getMonth() + 1, day.getDate()];
    if (!matchesDay(spec, y, mo, d)) continue;
    for (const h of spec.hours) {
      if (i === 0 && h < base.getHours()) continue;
      for (const mi of spec.minutes) {
        if (i === 0 && h === base.getHours() && mi < base.getMinutes()) continue;
        for (const s of spec.seconds) {
          const t = localTime(y, mo, d, h, mi, s);
          if (t !== null && t.getTime() > base.getTime()) return t;
        }
      }
    }
  }
  return null;
}
