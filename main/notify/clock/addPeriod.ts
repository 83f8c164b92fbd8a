import type { DateTime } from 'luxon';
import type { DeadlineUnit, HolidayCalendar } from '../../../contract';
import { HolidayCalendarGapError } from './HolidayCalendarGapError';
import { HolidayCalendarMissingError } from './HolidayCalendarMissingError';
import { parseInstant } from './parseInstant';
import { resolveWallTime } from './resolveWallTime';
import { wallTimeOf } from './wallTimeOf';
import { zoneOf } from './zoneOf';

const HOUR = 3_600_000;

export interface PeriodOptions {
  /** IANA zone the regime counts days in (regime.jurisdiction.timeZone). */
  timeZone: string;
  /** Required for businessDays; ignored by the other units. */
  holidays?: HolidayCalendar | null;
}

/**
 * The deadline `amount` `unit`s after `startIso`, as an ISO UTC instant (`…Z`). Where a rule's
 * words allow more than one reading, the one giving the earlier deadline is used, so a notice sent
 * by the computed time is on time under every reading:
 *
 * - `hours`: exact elapsed time. 72 hours are 72 hours even across a DST change (GDPR Art. 33,
 *   NIS2 Art. 23: "within 72 hours", "within 24 hours").
 * - `calendarDays`: the same local wall-clock time in `timeZone` N calendar days later, so across a
 *   DST change the elapsed time is N days ± 1 hour. A wall-clock time that does not exist on the
 *   target day (spring-forward gap) becomes the first instant after it (02:30 → 03:00); one that
 *   happens twice (fall-back) becomes the earlier instant.
 * - `businessDays`: the same local wall-clock time on the Nth business day after the start's local
 *   date (day 1 = the first business day after the start date), business days being Monday to
 *   Friday not listed in `holidays.dates`, compared as local dates in `timeZone`. A start on a
 *   weekend or holiday is counted the same way: 4 business days from a Saturday end on Thursday, at
 *   Saturday's time of day — earlier than reading the start as "Monday morning". Every date
 *   stepped onto must lie in a year of `holidays.years`, otherwise HolidayCalendarGapError; without
 *   a calendar, HolidayCalendarMissingError: never counted wrong silently.
 * - `months`: the same local wall-clock time N months later, clamped to the month's last day the
 *   way luxon does (31 January + 1 month = 28/29 February), with gaps and ambiguity as above.
 *
 * An amount of 0 returns the start itself. Throws RangeError for a start without an offset, an
 * unknown zone or an amount that is not a non-negative integer.
 */
export function addPeriod(startIso: string, amount: number, unit: DeadlineUnit, opts: PeriodOptions): string {
  const start = parseInstant(startIso);
  const zone = zoneOf(opts.timeZone);
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`A deadline period must be a non-negative whole number, not ${amount}`);
  }
  if (unit === 'businessDays' && !opts.holidays) throw new HolidayCalendarMissingError(opts.timeZone);
  if (amount === 0) return new Date(start).toISOString();

  const wall = wallTimeOf(start, opts.timeZone);
  switch (unit) {
    case 'hours':
      return new Date(start + amount * HOUR).toISOString();
    case 'calendarDays':
      return new Date(resolveWallTime(wall.plus({ days: amount }), zone)).toISOString();
    case 'businessDays':
      // Checked above; repeated so the type narrows without a non-null assertion.
      if (!opts.holidays) throw new HolidayCalendarMissingError(opts.timeZone);
      return new Date(resolveWallTime(addBusinessDays(wall, amount, opts.holidays), zone)).toISOString();
    case 'months':
      return new Date(resolveWallTime(wall.plus({ months: amount }), zone)).toISOString();
    default: {
      const never: never = unit;
      throw new RangeError(`Unknown deadline unit: ${String(never)}`);
    }
  }
}

/** Steps day by day from the start's local date, counting only business days. */
function addBusinessDays(wall: DateTime, amount: number, calendar: HolidayCalendar): DateTime {
  const years = new Set(calendar.years);
  const holidays = new Set(calendar.dates.map((d) => d.date));
  let day = wall;
  let counted = 0;
  while (counted < amount) {
    day = day.plus({ days: 1 });
    if (!years.has(day.year)) throw new HolidayCalendarGapError(calendar.id, calendar.name, day.year);
    // ISO weekday: 1 = Monday … 7 = Sunday. Jurisdictions with another weekend are not modelled.
    if (day.weekday <= 5 && !holidays.has(day.toFormat('yyyy-LL-dd'))) counted += 1;
  }
  return day;
}
