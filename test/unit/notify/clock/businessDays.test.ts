import { describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '../../../../contract';
import { addPeriod } from '../../../../main/notify/clock/addPeriod';
import { HolidayCalendarGapError } from '../../../../main/notify/clock/HolidayCalendarGapError';
import { HolidayCalendarMissingError } from '../../../../main/notify/clock/HolidayCalendarMissingError';

/** A small inline calendar: the real ones (main/notify/holidays/) are written and checked elsewhere. */
function calendar(id: string, years: number[], dates: [date: string, name: string][]): HolidayCalendar {
  return {
    format: 1,
    id,
    name: `Test calendar ${id}`,
    years,
    dates: dates.map(([date, name]) => ({ date, name })),
    source: { cite: 'Test fixture', url: 'https://example.org/holidays' },
  };
}

// US federal holidays of 2026 (5 U.S.C. 6103; 4 July falls on a Saturday, observed Friday 3 July).
const US_FEDERAL_2026: [string, string][] = [
  ['2026-01-01', "New Year's Day"],
  ['2026-01-19', 'Birthday of Martin Luther King, Jr.'],
  ['2026-02-16', "Washington's Birthday"],
  ['2026-05-25', 'Memorial Day'],
  ['2026-06-19', 'Juneteenth National Independence Day'],
  ['2026-07-03', 'Independence Day (observed)'],
  ['2026-09-07', 'Labor Day'],
  ['2026-10-12', 'Columbus Day'],
  ['2026-11-11', 'Veterans Day'],
  ['2026-11-26', 'Thanksgiving Day'],
  ['2026-12-25', 'Christmas Day'],
];
const usFederal = calendar('us-federal', [2026], US_FEDERAL_2026);
const usFederal2027 = calendar('us-federal', [2026, 2027], [...US_FEDERAL_2026, ['2027-01-01', "New Year's Day"]]);

// Brazilian national holidays around the cases below. 20 November is national since Lei 14.759/2023.
// Carnival is only a "ponto facultativo" federally: a calendar may or may not list it, and the clock
// follows whatever the calendar says.
const BR_NATIONAL_2026: [string, string][] = [
  ['2026-01-01', 'Confraternização Universal'],
  ['2026-04-03', 'Paixão de Cristo'],
  ['2026-04-21', 'Tiradentes'],
  ['2026-11-02', 'Finados'],
  ['2026-11-15', 'Proclamação da República'],
  ['2026-11-20', 'Dia Nacional de Zumbi e da Consciência Negra'],
  ['2026-12-25', 'Natal'],
];
const brNational = calendar('br-national', [2026], BR_NATIONAL_2026);
const brWithCarnival = calendar('br-with-carnival', [2026], [
  ...BR_NATIONAL_2026,
  ['2026-02-16', 'Carnaval (segunda-feira)'],
  ['2026-02-17', 'Carnaval (terça-feira)'],
]);
const noHolidays = calendar('none', [2026], []);

interface Case {
  name: string;
  start: string;
  amount: number;
  timeZone: string;
  holidays: HolidayCalendar;
  due: string;
}

describe('addPeriod: business days', () => {
  const cases: Case[] = [
    // SEC Form 8-K Item 1.05: "within four business days" of the materiality determination. Thursday → Wednesday.
    { name: 'SEC 4 business days from a Thursday → Wednesday', start: '2026-05-07T10:00:00-04:00', amount: 4, timeZone: 'America/New_York', holidays: usFederal, due: '2026-05-13T14:00:00.000Z' },
    // Same rule from a Friday: the weekend is skipped → Thursday.
    { name: 'SEC 4 business days from a Friday → Thursday', start: '2026-05-08T10:00:00-04:00', amount: 4, timeZone: 'America/New_York', holidays: usFederal, due: '2026-05-14T14:00:00.000Z' },
    // Federal holidays are not business days (Regulation S-T, 17 CFR 232.11): Thanksgiving Thu 26 Nov skipped, Fri 27 Nov counts.
    { name: 'across Thanksgiving 2026', start: '2026-11-23T10:00:00-05:00', amount: 4, timeZone: 'America/New_York', holidays: usFederal, due: '2026-11-30T15:00:00.000Z' },
    // Christmas Fri 25 Dec 2026 skipped together with the weekend after it.
    { name: 'across Christmas 2026 (Friday)', start: '2026-12-22T16:45:00-05:00', amount: 4, timeZone: 'America/New_York', holidays: usFederal, due: '2026-12-29T21:45:00.000Z' },
    // Weekend start: day 1 is the first business day after the start date (Mon), so Sat + 4 → Thu at Saturday's time.
    { name: 'determination on a Saturday → Thursday', start: '2026-05-09T10:00:00-04:00', amount: 4, timeZone: 'America/New_York', holidays: usFederal, due: '2026-05-14T14:00:00.000Z' },
    // Holiday start counts the same way as a weekend start: Thanksgiving + 4 → Wed 2 Dec.
    { name: 'determination on Thanksgiving', start: '2026-11-26T14:00:00-05:00', amount: 4, timeZone: 'America/New_York', holidays: usFederal, due: '2026-12-02T19:00:00.000Z' },
    // Same local time on the target day: across the US fall-back the elapsed time is 3 days + 1 hour.
    { name: '1 business day across US fall-back keeps 10:00 local', start: '2026-10-30T10:00:00-04:00', amount: 1, timeZone: 'America/New_York', holidays: usFederal, due: '2026-11-02T15:00:00.000Z' },
    // Years listed in the calendar may be crossed: New Year 2027 skipped when 2027 is covered.
    { name: 'into a covered next year', start: '2026-12-29T10:00:00-05:00', amount: 4, timeZone: 'America/New_York', holidays: usFederal2027, due: '2027-01-05T15:00:00.000Z' },
    // ANPD Resolução CD/ANPD 15/2024 Art. 6: 3 business days; Carnival listed by the calendar → skipped.
    { name: 'Brazil 3 business days across Carnival (listed)', start: '2026-02-13T10:00:00-03:00', amount: 3, timeZone: 'America/Sao_Paulo', holidays: brWithCarnival, due: '2026-02-20T13:00:00.000Z' },
    // Same rule with a calendar that does not list Carnival: Mon 16 and Tue 17 Feb count.
    { name: 'Brazil 3 business days across Carnival (not listed)', start: '2026-02-13T10:00:00-03:00', amount: 3, timeZone: 'America/Sao_Paulo', holidays: brNational, due: '2026-02-18T13:00:00.000Z' },
    // Consciência Negra, Fri 20 Nov 2026, a national holiday since 2024 (Lei 14.759/2023).
    { name: 'Brazil 3 business days across 20 November', start: '2026-11-18T10:00:00-03:00', amount: 3, timeZone: 'America/Sao_Paulo', holidays: brNational, due: '2026-11-24T13:00:00.000Z' },
  ];

  it.each(cases)('$name', (c) => {
    expect(addPeriod(c.start, c.amount, 'businessDays', { timeZone: c.timeZone, holidays: c.holidays })).toBe(c.due);
  });
});

describe('addPeriod: business days depend on the zone', () => {
  // Business days are counted on local dates. 2026-06-30T22:30Z is Tue 30 June 23:30 in London
  // (BST) but Wed 1 July 08:30 in Sydney: +3 business days land on different dates.
  const start = '2026-06-30T22:30:00Z';
  it.each([
    // London: Wed 1, Thu 2, Fri 3 July at 23:30 BST.
    { zone: 'Europe/London', due: '2026-07-03T22:30:00.000Z' },
    // Sydney: Thu 2, Fri 3, Mon 6 July at 08:30 AEST.
    { zone: 'Australia/Sydney', due: '2026-07-05T22:30:00.000Z' },
  ])('$zone', ({ zone, due }) => {
    expect(addPeriod(start, 3, 'businessDays', { timeZone: zone, holidays: noHolidays })).toBe(due);
  });

  it('holiday dates are compared as local dates', () => {
    // 2026-07-03T02:00Z is Thu 2 July 22:00 in New York, so Fri 3 July (Independence Day observed)
    // is the day to skip and 1 business day ends Mon 6 July 22:00 EDT. Counting UTC dates would end
    // Mon 6 July 02:00Z; ignoring the holiday would end Fri 3 July 22:00 EDT.
    const due = addPeriod('2026-07-03T02:00:00Z', 1, 'businessDays', { timeZone: 'America/New_York', holidays: usFederal });
    expect(due).toBe('2026-07-07T02:00:00.000Z');
  });
});

describe('addPeriod: business days refuse to guess', () => {
  it('throws HolidayCalendarGapError naming the calendar and the uncovered year', () => {
    // holidayCalendarSchema.years: a deadline outside them is refused. Tue 29 Dec + 4 steps onto 1 Jan 2027.
    const run = () => addPeriod('2026-12-29T10:00:00-05:00', 4, 'businessDays', { timeZone: 'America/New_York', holidays: usFederal });
    expect(run).toThrow(HolidayCalendarGapError);
    expect(run).toThrow(/us-federal.*2027/);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ calendarId: 'us-federal', year: 2027, name: 'HolidayCalendarGapError' });
    }
  });

  it('throws when a start is in an uncovered year, as soon as a day of it is crossed', () => {
    // Calendar covers 2026 only; a start late in 2025 must cross 2025 dates.
    const run = () => addPeriod('2025-12-30T10:00:00-05:00', 1, 'businessDays', { timeZone: 'America/New_York', holidays: usFederal });
    expect(run).toThrow(HolidayCalendarGapError);
    expect(run).toThrow(/2025/);
  });

  it('does not throw when only the start date lies outside the covered years', () => {
    // The start date itself is never counted: Thu 31 Dec 2025 + 1 → Fri 2 Jan 2026 (1 Jan is a holiday).
    expect(addPeriod('2025-12-31T10:00:00-05:00', 1, 'businessDays', { timeZone: 'America/New_York', holidays: usFederal })).toBe('2026-01-02T15:00:00.000Z');
  });

  it.each([
    // Business days without a calendar would ignore public holidays: refused.
    { name: 'no calendar given', holidays: undefined },
    { name: 'calendar null', holidays: null },
  ])('$name → HolidayCalendarMissingError', ({ holidays }) => {
    expect(() => addPeriod('2026-05-07T10:00:00-04:00', 4, 'businessDays', { timeZone: 'America/New_York', holidays })).toThrow(HolidayCalendarMissingError);
  });
});
