import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../../../main/notify/clock/timeLeft';

describe('timeLeft', () => {
  it.each([
    // Time to the deadline, counted in absolute milliseconds whatever offsets the two are written in.
    { name: 'one hour left, mixed offsets', due: '2026-03-30T11:00:00+02:00', now: '2026-03-30T08:00:00Z', ms: 3_600_000, overdue: false },
    // Past the deadline: negative time left, overdue.
    { name: 'ten minutes late', due: '2026-03-30T09:00:00Z', now: '2026-03-30T09:10:00Z', ms: -600_000, overdue: true },
    // At the due instant no time is left: shown as overdue, never as "0 s left, on time".
    { name: 'exactly at the deadline', due: '2026-03-30T09:00:00Z', now: '2026-03-30T09:00:00.000Z', ms: 0, overdue: true },
    // One millisecond before is still in time.
    { name: 'one millisecond before', due: '2026-03-30T09:00:00Z', now: '2026-03-30T08:59:59.999Z', ms: 1, overdue: false },
  ])('$name', ({ due, now, ms, overdue }) => {
    expect(timeLeft(due, now)).toEqual({ ms, overdue });
  });

  it('refuses a time without an offset', () => {
    expect(() => timeLeft('2026-03-30T09:00:00', '2026-03-30T08:00:00Z')).toThrow(RangeError);
  });
});
