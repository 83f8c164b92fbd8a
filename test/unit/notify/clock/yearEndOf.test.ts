import { describe, expect, it } from 'vitest';
import { addPeriod } from '../../../../main/notify/clock/addPeriod';
import { yearEndOf } from '../../../../main/notify/clock/yearEndOf';

describe('yearEndOf', () => {
  // 45 CFR 164.408(c): breaches of fewer than 500 people are reported "not later than 60 days after
  // the end of each calendar year" — the calendar year of the covered entity's local time.
  it.each([
    // Mid-year in New York → midnight EST starting 1 Jan 2027.
    { name: 'New York, mid-year', start: '2026-06-15T12:00:00-04:00', zone: 'America/New_York', end: '2027-01-01T05:00:00.000Z' },
    // 31 Dec 23:30 in New York is already 2027 in UTC, but the local year is still 2026.
    { name: 'New York, last half hour of the year', start: '2027-01-01T04:30:00Z', zone: 'America/New_York', end: '2027-01-01T05:00:00.000Z' },
    // 1 Jan 00:00 local is the first instant of the new year: its year ends a year later.
    { name: 'New York, first instant of the year', start: '2027-01-01T05:00:00Z', zone: 'America/New_York', end: '2028-01-01T05:00:00.000Z' },
    // UTC: the same instant as the case above the last but one lies in 2027.
    { name: 'UTC, instant already in the next year', start: '2027-01-01T04:30:00Z', zone: 'UTC', end: '2028-01-01T00:00:00.000Z' },
    // UTC mid-year.
    { name: 'UTC, mid-year', start: '2026-06-15T12:00:00Z', zone: 'UTC', end: '2027-01-01T00:00:00.000Z' },
  ])('$name', ({ start, zone, end }) => {
    expect(yearEndOf(start, zone)).toBe(end);
  });

  it('with 60 calendar days gives the HIPAA annual-log deadline', () => {
    // 1 Jan 2027 00:00 EST + 60 days = 2 Mar 2027 00:00 EST (January 31 + February 28 + 1).
    const due = addPeriod(yearEndOf('2026-08-10T09:00:00-04:00', 'America/New_York'), 60, 'calendarDays', { timeZone: 'America/New_York' });
    expect(due).toBe('2027-03-02T05:00:00.000Z');
  });

  it('refuses an unknown zone', () => {
    expect(() => yearEndOf('2026-06-15T12:00:00Z', 'Nowhere/Nothing')).toThrow(RangeError);
  });
});
