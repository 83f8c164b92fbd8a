import { describe, expect, it } from 'vitest';
import type { DeadlineUnit } from '../../../../contract';
import { addPeriod } from '../../../../main/notify/clock/addPeriod';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const elapsed = (from: string, to: string) => Date.parse(to) - Date.parse(from);

interface Case {
  name: string;
  start: string;
  amount: number;
  unit: DeadlineUnit;
  timeZone: string;
  due: string;
  /** Elapsed time the rule implies, where it is the point of the case. */
  elapsedMs?: number;
}

function check(c: Case) {
  const due = addPeriod(c.start, c.amount, c.unit, { timeZone: c.timeZone });
  expect(due).toBe(c.due);
  if (c.elapsedMs !== undefined) expect(elapsed(c.start, due)).toBe(c.elapsedMs);
}

describe('addPeriod: hours are elapsed time', () => {
  const cases: Case[] = [
    // GDPR Art. 33(1) "not later than 72 hours": clocks in Brussels go forward on 2026-03-29, the 72 hours do not shrink.
    { name: 'GDPR 72 h across EU spring-forward', start: '2026-03-27T10:00:00+01:00', amount: 72, unit: 'hours', timeZone: 'Europe/Brussels', due: '2026-03-30T09:00:00.000Z', elapsedMs: 72 * HOUR },
    // NYDFS 500.17(a) "no later than 72 hours": US fall-back on 2026-11-01 does not lengthen them.
    { name: '72 h across US fall-back', start: '2026-10-31T12:00:00-04:00', amount: 72, unit: 'hours', timeZone: 'America/New_York', due: '2026-11-03T16:00:00.000Z', elapsedMs: 72 * HOUR },
    // NIS2 Art. 23(4)(a) early warning "within 24 hours": the zone is irrelevant to elapsed hours.
    { name: '24 h early warning, start given in another offset', start: '2026-03-29T01:30:00+01:00', amount: 24, unit: 'hours', timeZone: 'Europe/Brussels', due: '2026-03-30T00:30:00.000Z', elapsedMs: 24 * HOUR },
    // DORA Art. 19 / RTS: initial notification within 4 hours of classification.
    { name: 'DORA 4 h, fractional seconds kept', start: '2026-06-01T08:15:30.250Z', amount: 4, unit: 'hours', timeZone: 'Europe/Brussels', due: '2026-06-01T12:15:30.250Z', elapsedMs: 4 * HOUR },
  ];
  it.each(cases)('$name', check);
});

describe('addPeriod: calendar days keep the local wall-clock time', () => {
  const cases: Case[] = [
    // Calendar days = same local time N days later: fall-back on 2026-11-01 makes the 30 days 30 d + 1 h.
    { name: '30 days across US fall-back', start: '2026-10-20T15:00:00-04:00', amount: 30, unit: 'calendarDays', timeZone: 'America/New_York', due: '2026-11-19T20:00:00.000Z', elapsedMs: 30 * DAY + HOUR },
    // Same rule, spring-forward: the day of the change has 23 hours.
    { name: '1 day across EU spring-forward', start: '2026-03-28T10:00:00+01:00', amount: 1, unit: 'calendarDays', timeZone: 'Europe/Brussels', due: '2026-03-29T08:00:00.000Z', elapsedMs: 23 * HOUR },
    // PDPA (Singapore) s 26D(1) "not later than 3 calendar days": no DST, so exactly 72 h.
    { name: 'Singapore 3 calendar days', start: '2026-05-04T09:00:00+08:00', amount: 3, unit: 'calendarDays', timeZone: 'Asia/Singapore', due: '2026-05-07T01:00:00.000Z', elapsedMs: 3 * DAY },
    // Spring-forward gap: 2026-03-08 02:30 does not exist in New York → the first instant after it, 03:00 EDT.
    { name: 'target in the spring-forward gap → 03:00', start: '2026-03-07T02:30:00-05:00', amount: 1, unit: 'calendarDays', timeZone: 'America/New_York', due: '2026-03-08T07:00:00.000Z', elapsedMs: 23.5 * HOUR },
    // Gap rule with a 30-minute change: Lord Howe jumps 02:00 → 02:30 on 2026-10-04, so 02:15 → 02:30 (+11:00).
    { name: 'target in a 30-minute gap → end of the gap', start: '2026-10-03T02:15:00+10:30', amount: 1, unit: 'calendarDays', timeZone: 'Australia/Lord_Howe', due: '2026-10-03T15:30:00.000Z' },
    // Ambiguity rule: 2026-11-01 01:30 happens twice in New York → the earlier (EDT) instant.
    { name: 'target in the fall-back overlap → earlier instant', start: '2026-10-31T01:30:00-04:00', amount: 1, unit: 'calendarDays', timeZone: 'America/New_York', due: '2026-11-01T05:30:00.000Z', elapsedMs: 24 * HOUR },
    // Calendar days roll over month ends by the local calendar.
    { name: 'across a month end', start: '2026-01-30T12:00:00Z', amount: 3, unit: 'calendarDays', timeZone: 'UTC', due: '2026-02-02T12:00:00.000Z' },
    // The local date decides, not the UTC one: 23:00 in New York on 31 Dec is already 1 Jan in UTC.
    { name: 'local date, not UTC date', start: '2027-01-01T04:00:00Z', amount: 1, unit: 'calendarDays', timeZone: 'America/New_York', due: '2027-01-02T04:00:00.000Z' },
  ];
  it.each(cases)('$name', check);
});

describe('addPeriod: months keep the local wall-clock time', () => {
  const cases: Case[] = [
    // Month arithmetic clamps to the month's last day: 31 Jan + 1 month = 28 Feb (2026 is not a leap year).
    { name: '31 Jan + 1 month = 28 Feb', start: '2026-01-31T10:00:00Z', amount: 1, unit: 'months', timeZone: 'UTC', due: '2026-02-28T10:00:00.000Z' },
    // Same clamping in a leap year: 29 Feb.
    { name: '31 Jan 2028 + 1 month = 29 Feb', start: '2028-01-31T10:00:00Z', amount: 1, unit: 'months', timeZone: 'UTC', due: '2028-02-29T10:00:00.000Z' },
    // Clamping to a 30-day month.
    { name: '31 Mar + 1 month = 30 Apr', start: '2026-03-31T10:00:00+02:00', amount: 1, unit: 'months', timeZone: 'Europe/Brussels', due: '2026-04-30T08:00:00.000Z' },
    // Local wall-clock time survives the October DST change in Brussels: 10:00 CEST → 10:00 CET.
    { name: 'one month across EU fall-back keeps 10:00 local', start: '2026-10-15T10:00:00+02:00', amount: 1, unit: 'months', timeZone: 'Europe/Brussels', due: '2026-11-15T09:00:00.000Z' },
    // Several months across a year end.
    { name: '3 months across a year end', start: '2026-11-30T09:00:00-05:00', amount: 3, unit: 'months', timeZone: 'America/New_York', due: '2027-02-28T14:00:00.000Z' },
  ];
  it.each(cases)('$name', check);
});

describe('addPeriod: input errors', () => {
  const opts = { timeZone: 'Europe/Brussels' };
  // Every case is refused rather than guessed: a wrong deadline shown as right is the failure to avoid.
  it.each([
    // A bare local time is ambiguous around DST changes: an instant must carry its offset.
    { name: 'start without an offset', run: () => addPeriod('2026-03-08T02:30:00', 1, 'hours', opts) },
    // A bare date has no time and no offset (its "-01" is the day, not an offset).
    { name: 'start that is a date only', run: () => addPeriod('2026-06-01', 1, 'calendarDays', opts) },
    { name: 'start that is not a date', run: () => addPeriod('yesterday', 1, 'hours', opts) },
    { name: 'unknown time zone', run: () => addPeriod('2026-03-08T02:30:00Z', 1, 'calendarDays', { timeZone: 'Mars/Olympus_Mons' }) },
    // Deadline amounts are positive whole numbers (contract/regime.ts deadlineSchema).
    { name: 'negative amount', run: () => addPeriod('2026-03-08T02:30:00Z', -1, 'hours', opts) },
    { name: 'fractional amount', run: () => addPeriod('2026-03-08T02:30:00Z', 1.5, 'calendarDays', opts) },
  ])('$name → RangeError', ({ run }) => {
    expect(run).toThrow(RangeError);
  });

  it('an amount of 0 is the start itself, normalised to UTC', () => {
    expect(addPeriod('2026-03-08T02:30:00-05:00', 0, 'months', opts)).toBe('2026-03-08T07:30:00.000Z');
  });
});
