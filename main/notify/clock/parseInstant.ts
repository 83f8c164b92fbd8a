import { DateTime } from 'luxon';

// An instant must say its offset: a bare local time ("2026-03-08T02:30") is ambiguous or
// non-existent around DST changes, and the facts it comes from are stored with one
// (contract/breachFacts.ts, `z.iso.datetime({ offset: true })`).
// The time part is required too: in a bare date (2026-06-01) the day would read as an offset.
const HAS_OFFSET = /T[^Z+-]*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Epoch milliseconds of an ISO 8601 date-time with `Z` or an offset; throws RangeError otherwise. */
export function parseInstant(iso: string): number {
  const parsed = DateTime.fromISO(iso, { setZone: true });
  if (!parsed.isValid || !HAS_OFFSET.test(iso)) {
    throw new RangeError(`Not an ISO 8601 instant with an offset or Z: ${JSON.stringify(iso)}`);
  }
  return parsed.toMillis();
}
