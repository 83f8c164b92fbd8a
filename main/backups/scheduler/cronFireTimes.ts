import { compileCron, localTime, matchesDay, type CronSpec } from './compileCron';

/**
 * Every time the cron expression fires at or after `from` and before `to` (whole seconds, local
 * time, node-cron's reading of the expression, as nextFireTime), in order, one at a time: a
 * schedule every minute fires half a million times a year, so nothing is collected here. Throws
 * when the expression is not valid.
 */
export function* cronFireTimes(expression: string | CronSpec, from: Date, to: Date): Generator<Date> {
  const spec = typeof expression === 'string' ? compileCron(expression) : expression;
  const start = Math.ceil(from.getTime() / 1000) * 1000;
  const end = to.getTime();
  const day = new Date(from.getFullYear(), from.getMonth(), from.getDate(), 12);
  // A day past `to` ends the walk; days are local, so step by the calendar, not by 24 h.
  for (; new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime() < end; day.setDate(day.getDate() + 1)) {
    const [y, mo, d] = [day.getFullYear(), day.getMonth() + 1, day.getDate()];
    if (!matchesDay(spec, y, mo, d)) continue;
    const midnight = new Date(y, mo - 1, d).getTime();
    // A day of 24 hours (no clock change) places each time by arithmetic; a DST day asks localTime,
    // which skips times that do not exist.
    const plain = new Date(y, mo - 1, d + 1).getTime() - midnight === 86_400_000 && new Date(midnight).getHours() === 0;
    for (const h of spec.hours) {
      for (const mi of spec.minutes) {
        for (const s of spec.seconds) {
          let ms: number;
          if (plain) ms = midnight + h * 3_600_000 + mi * 60_000 + s * 1000;
          else {
            const t = localTime(y, mo, d, h, mi, s);
            if (t === null) continue;
            ms = t.getTime();
          }
          if (ms >= end) return;
          if (ms >= start) yield new Date(ms);
        }
      }
    }
  }
}
