import { describe, expect, it } from 'vitest';
import { formatInZone } from '../../../../main/notify/clock/formatInZone';

describe('formatInZone', () => {
  it.each([
    // Local time with the zone's en-GB abbreviation and the numeric offset: winter time in Brussels.
    { name: 'Brussels, winter', iso: '2026-03-14T08:00:00Z', zone: 'Europe/Brussels', text: '2026-03-14 09:00 CET (UTC+01:00)' },
    // Summer time in Brussels: the abbreviation and offset follow DST.
    { name: 'Brussels, summer', iso: '2026-07-14T08:00:00Z', zone: 'Europe/Brussels', text: '2026-07-14 10:00 CEST (UTC+02:00)' },
    // London in summer.
    { name: 'London, summer', iso: '2026-07-14T08:00:00Z', zone: 'Europe/London', text: '2026-07-14 09:00 BST (UTC+01:00)' },
    // UTC itself.
    { name: 'UTC', iso: '2027-01-01T00:00:00Z', zone: 'UTC', text: '2027-01-01 00:00 UTC (UTC+00:00)' },
  ])('$name', ({ iso, zone, text }) => {
    expect(formatInZone(iso, zone)).toBe(text);
  });

  // en-GB has no abbreviation for zones outside Europe and writes "GMT-4", "GMT+10" (ICU data, which
  // can change between Node releases); the numeric offset is what makes the time unambiguous.
  it.each([
    { name: 'New York, summer', iso: '2026-07-14T08:00:00Z', zone: 'America/New_York', text: /^2026-07-14 04:00 \S+ \(UTC-04:00\)$/ },
    // The local date can differ from the UTC date.
    { name: 'Sydney, next day', iso: '2026-06-30T22:30:00Z', zone: 'Australia/Sydney', text: /^2026-07-01 08:30 \S+ \(UTC\+10:00\)$/ },
    // A half-hour offset.
    { name: 'Kolkata', iso: '2026-07-14T08:00:00Z', zone: 'Asia/Kolkata', text: /^2026-07-14 13:30 \S+ \(UTC\+05:30\)$/ },
  ])('$name: always shows the numeric offset', ({ iso, zone, text }) => {
    expect(formatInZone(iso, zone)).toMatch(text);
  });

  it('refuses an unknown zone', () => {
    expect(() => formatInZone('2026-07-14T08:00:00Z', 'Atlantis/Capital')).toThrow(RangeError);
  });
});
