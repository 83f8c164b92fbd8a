/**
 * A business-day deadline would cross a year its holiday calendar does not list. Counting that
 * year as if it had no public holidays could put the deadline a day or more too late, so the clock
 * refuses instead (contract/regime.ts, `holidayCalendarSchema.years`): the fix is to add the year's
 * holidays to the calendar (main/notify/holidays/<id>.yaml or its replacement in the data directory).
 */
export class HolidayCalendarGapError extends Error {
  override readonly name = 'HolidayCalendarGapError';

  constructor(
    readonly calendarId: string,
    readonly calendarName: string,
    readonly year: number,
  ) {
    super(
      `The holiday calendar ${calendarId} (${calendarName}) does not cover ${year}: ` +
        `a business-day deadline crossing ${year} cannot be counted until that year's holidays are added.`,
    );
  }
}
