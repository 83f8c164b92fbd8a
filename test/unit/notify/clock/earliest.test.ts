import { describe, expect, it } from 'vitest';
import { earliest } from '../../../../main/notify/clock/earliest';

describe('earliest', () => {
  it.each([
    // DORA: the earlier of "4 h after classification" and "24 h after awareness" applies.
    { name: 'first is earlier', a: '2026-06-01T12:00:00.000Z', b: '2026-06-02T08:00:00.000Z', result: '2026-06-01T12:00:00.000Z' },
    { name: 'second is earlier', a: '2026-06-02T08:00:00.000Z', b: '2026-06-01T12:00:00.000Z', result: '2026-06-01T12:00:00.000Z' },
    // Instants are compared, not strings: 13:00+02:00 (11:00Z) is earlier than 12:00Z.
    { name: 'compares instants, not text', a: '2026-06-01T12:00:00Z', b: '2026-06-01T13:00:00+02:00', result: '2026-06-01T13:00:00+02:00' },
    // Equal instants: the first is returned.
    { name: 'equal instants → first', a: '2026-06-01T12:00:00Z', b: '2026-06-01T14:00:00+02:00', result: '2026-06-01T12:00:00Z' },
  ])('$name', ({ a, b, result }) => {
    expect(earliest(a, b)).toBe(result);
  });

  it('refuses a value that is not an instant', () => {
    expect(() => earliest('2026-06-01T12:00:00Z', 'soon')).toThrow(RangeError);
  });
});
