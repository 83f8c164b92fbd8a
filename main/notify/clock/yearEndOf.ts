import { DateTime } from 'luxon';
import { parseInstant } from './parseInstant';
import { resolveWallTime } from './resolveWallTime';
import { wallTimeOf } from './wallTimeOf';
import { zoneOf } from './zoneOf';

/**
 * The end of the calendar year (local to `timeZone`) in which `startIso` falls: 1 January of the
 * next year at 00:00 local, as an ISO UTC instant. It starts HIPAA's clock for breaches of fewer
 * than 500 people, reported "within 60 days after the end of each calendar year"
 * (45 CFR 164.408(c)). A midnight skipped by a DST change becomes the first instant after it.
 */
export function yearEndOf(startIso: string, timeZone: string): string {
  const start = parseInstant(startIso);
  const zone = zoneOf(timeZone);
  const { year } = wallTimeOf(start, timeZone);
  return new Date(resolveWallTime(DateTime.utc(year + 1, 1, 1), zone)).toISOString();
}
