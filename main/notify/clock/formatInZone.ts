import { DateTime } from 'luxon';
import { parseInstant } from './parseInstant';
import { zoneOf } from './zoneOf';

/**
 * An instant as local time in `timeZone` for people: `2026-03-14 09:00 CET (UTC+01:00)`. The zone
 * abbreviation comes from the ICU data for en-GB (fixed, so the text does not depend on the
 * machine's locale); where ICU has none it reads `GMT-4`, and the numeric offset after it is always
 * there, so the time is unambiguous either way.
 */
export function formatInZone(iso: string, timeZone: string): string {
  // Luxon would print "Invalid DateTime" for an unknown zone; refuse it instead.
  zoneOf(timeZone);
  const local = DateTime.fromMillis(parseInstant(iso), { zone: timeZone, locale: 'en-GB' });
  return `${local.toFormat('yyyy-LL-dd HH:mm ZZZZ')} (UTC${local.toFormat('ZZ')})`;
}
