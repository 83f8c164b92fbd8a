import { DateTime, type Zone } from 'luxon';

/** The luxon zone for an IANA name ("Europe/Brussels", "UTC"); throws RangeError for an unknown one. */
export function zoneOf(timeZone: string): Zone {
  // Luxon reports an unknown zone as an invalid DateTime, not an exception; a deadline computed in
  // the wrong zone must not be shown, so turn it into one.
  const probe = DateTime.fromMillis(0, { zone: timeZone });
  if (!probe.isValid) throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  return probe.zone;
}
