import { TIME_POINTS, type TimeOrderConflict, type TimePoint } from '../../contract';

export type PhaseTimes = Record<TimePoint, string | null>;

/**
 * Pairs of times in impossible order: started ≤ detected ≤ triaged ≤ contained ≤ eradicated ≤
 * recovered ≤ closed, wherever both times are known (a skipped phase or an unknown start has
 * none, so its neighbours are compared with each other). Only pairs with a point in `changed`
 * count, so a time already stored out of order never blocks an unrelated edit. Compared as
 * instants: the stored times may carry different UTC offsets.
 */
export function timeOrderConflicts(times: PhaseTimes, changed: ReadonlySet<TimePoint>): TimeOrderConflict[] {
  const conflicts: TimeOrderConflict[] = [];
  for (let i = 0; i < TIME_POINTS.length; i++) {
    const earlier = TIME_POINTS[i] as TimePoint;
    const earlierAt = times[earlier];
    if (earlierAt === null) continue;
    for (let j = i + 1; j < TIME_POINTS.length; j++) {
      const later = TIME_POINTS[j] as TimePoint;
      const laterAt = times[later];
      if (laterAt === null || (!changed.has(earlier) && !changed.has(later))) continue;
      if (Date.parse(laterAt) < Date.parse(earlierAt)) conflicts.push({ later, laterAt, earlier, earlierAt });
    }
  }
  return conflicts;
}
