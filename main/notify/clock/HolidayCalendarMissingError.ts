/**
 * A business-day deadline was asked for without a holiday calendar. Weekends alone would ignore
 * public holidays and could put the deadline too late, so the clock refuses to count.
 */
export class HolidayCalendarMissingError extends Error {
  override readonly name = 'HolidayCalendarMissingError';

  constructor(readonly timeZone: string) {
    super(`Business days cannot be counted in ${timeZone} without a holiday calendar for the jurisdiction.`);
  }
}
