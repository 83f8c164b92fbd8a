import { parse } from 'node-cron';

/**
 * A cron expression as node-cron reads it (5 fields, or 6 with seconds first; names, ranges,
 * steps, `L`, `LW`, `15W`, `L-3`, `5L`, `1#2`), in the process's local time as node-cron uses it
 * without a timezone option.
 */
export interface CronSpec {
  /** Ascending. */
  seconds: number[];
  minutes: number[];
  hours: number[];
  months: ReadonlySet<number>;
  daysOfMonth: readonly (number | string)[];
  daysOfWeek: readonly (number | string)[];
}

const ascending = (values: readonly number[]) => [...new Set(values)].sort((a, b) => a - b);

/** Throws (node-cron's message) when the expression is not valid. */
export function compileCron(expression: string): CronSpec {
  const f = parse(expression);
  return {
    seconds: ascending(f.second),
    minutes: ascending(f.minute),
    hours: ascending(f.hour),
    months: new Set(f.month),
    daysOfMonth: f.dayOfMonth,
    daysOfWeek: f.dayOfWeek.map((d) => (d === 7 ? 0 : d)),
  };
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay();

/** The weekday (Mon–Fri) nearest to `target` within the month, as `15W` means. */
function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDay(year, month);
  if (target < 1 || target > last) return -1;
  const wd = weekdayOf(year, month, target);
  if (wd === 6) return target === 1 ? target + 2 : target - 1;
  if (wd === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function matchesDayOfMonth(field: readonly (number | string)[], year: number, month: number, day: number): boolean {
  return field.some((v) => {
    if (v === day) return true;
    if (typeof v !== 'string') return false;
    if (v === 'L') return day === lastDay(year, month);
    const w = /^(\d{1,2}|L)W$/.exec(v);
    if (w) return nearestWeekday(year, month, w[1] === 'L' ? lastDay(year, month) : Number(w[1])) === day;
    const offset = /^L-(\d{1,2})$/.exec(v);
    return offset !== null && lastDay(year, month) - Number(offset[1]) === day;
  });
}

function matchesDayOfWeek(field: readonly (number | string)[], year: number, month: number, day: number): boolean {
  const wd = weekdayOf(year, month, day);
  return field.some((v) => {
    if (v === wd) return true;
    if (typeof v !== 'string') return false;
    const nth = /^([0-7])#([1-5])$/.exec(v);
    if (nth) return Number(nth[1]) % 7 === wd && Math.floor((day - 1) / 7) + 1 === Number(nth[2]);
    const last = /^([0-7])L$/i.exec(v);
    return last !== null && Number(last[1]) % 7 === wd && day + 7 > lastDay(year, month);
  });
}

/**
 * Whether the expression fires on that calendar day. Day of month and day of week must BOTH
 * match, as node-cron has it (classic cron fires when either does).
 */
export function matchesDay(spec: CronSpec, year: number, month: number, day: number): boolean {
  return spec.months.has(month) && matchesDayOfMonth(spec.daysOfMonth, year, month, day) && matchesDayOfWeek(spec.daysOfWeek, year, month, day);
}

/** The local time with exactly these fields, or null when it does not exist (a DST gap). */
export function localTime(year: number, month: number, day: number, hour: number, minute: number, second: number): Date | null {
  const d = new Date(year, month - 1, day, hour, minute, second, 0);
  const same = d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day
    && d.getHours() === hour && d.getMinutes() === minute && d.getSeconds() === second;
  return same ? d : null;
}

/** How far the day walk looks: `0 0 29 2 1` (29 February on a Monday) recurs within 28 years. */
export const MAX_DAYS = 366 * 29;
