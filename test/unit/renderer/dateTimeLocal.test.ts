import { describe, expect, it } from 'vitest';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../renderer/lib/dateTimeLocal';

// Built from local wall time, so the expectations hold in whatever zone the tests run.
const local = (y: number, mo: number, d: number, h: number, mi: number, s = 0): Date => new Date(y, mo - 1, d, h, mi, s);

describe('toDateTimeLocal', () => {
  it('gives the local wall time to the minute, the format datetime-local inputs take', () => {
    expect(toDateTimeLocal(local(2026, 3, 12, 14, 5, 30).toISOString())).toBe('2026-03-12T14:05');
    expect(toDateTimeLocal(local(2026, 12, 31, 23, 59).toISOString())).toBe('2026-12-31T23:59');
    expect(toDateTimeLocal(local(2026, 1, 1, 0, 0).toISOString())).toBe('2026-01-01T00:00');
  });

  it('accepts offsets other than Z', () => {
    const at = local(2026, 7, 1, 9, 30);
    const offsetMinutes = -at.getTimezoneOffset();
    const sign = offsetMinutes >= 0 ? '+' : '-';
    const abs = Math.abs(offsetMinutes);
    const withOffset = `2026-07-01T09:30:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    expect(toDateTimeLocal(withOffset)).toBe('2026-07-01T09:30');
  });

  it('is empty for no value or an unreadable one', () => {
    expect(toDateTimeLocal(null)).toBe('');
    expect(toDateTimeLocal(undefined)).toBe('');
    expect(toDateTimeLocal('')).toBe('');
    expect(toDateTimeLocal('yesterday')).toBe('');
  });
});

describe('fromDateTimeLocal', () => {
  it('reads local wall time into ISO 8601 in UTC', () => {
    expect(fromDateTimeLocal('2026-03-12T14:05')).toBe(local(2026, 3, 12, 14, 5).toISOString());
    expect(fromDateTimeLocal('2026-03-12T14:05')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
  });

  it('is null for an empty or unreadable input', () => {
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('2026-02-30T25:00')).toBeNull();
    expect(fromDateTimeLocal('soon')).toBeNull();
  });

  it('round-trips any minute of the year through the input format', () => {
    for (const iso of ['2026-01-15T08:00:00.000Z', '2026-03-29T01:30:00.000Z', '2026-07-01T23:59:00.000Z', '2026-10-25T00:45:00.000Z']) {
      expect(fromDateTimeLocal(toDateTimeLocal(iso))).toBe(iso);
    }
  });
});
