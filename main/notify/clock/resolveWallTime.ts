import type { DateTime, Zone } from 'luxon';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The instant at which the clocks of `zone` show `wall` (a floating wall-clock time from
 * wallTimeOf), choosing the conservative — earlier — instant where there is a choice:
 * - ambiguous (fall-back: 01:30 happens twice) → the earlier of the two instants;
 * - non-existent (spring-forward gap: 02:30 is skipped) → the first instant after it that does
 *   exist, i.e. the transition itself (03:00 local), not luxon's gap-length shift (03:30).
 *
 * The offsets in force a day either side are the only candidates, which holds for every zone that
 * does not change its offset twice within two days.
 */
export function resolveWallTime(wall: DateTime, zone: Zone): number {
  const local = wall.toMillis();
  const before = zone.offset(local - DAY);
  const after = zone.offset(local + DAY);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset * MINUTE)
    .filter((instant) => instant + zone.offset(instant) * MINUTE === local)
    .sort((a, b) => a - b);
  if (valid[0] !== undefined) return valid[0];

  // A gap: clocks jumped from `before` to `after`. Read with the new offset the wall time is still
  // before the jump, read with the old one it is already past it; find the jump between them.
  let lo = local - after * MINUTE;
  let hi = local - before * MINUTE;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}
