import { STATUSES, type IncidentStatus, type TimeOrderConflict } from '../../contract';

export type PhaseTimes = Record<IncidentStatus, string | null>;

/**
 * Pairs of phase times in impossible order: detected ≤ triaged ≤ contained ≤ eradicated ≤
 * recovered ≤ closed, wherever both times are known (a skipped phase has none, so its neighbours
 * are compared with each other). Only pairs with a phase in `changed` count, so a time already
 * stored out of order never blocks an unrelated edit. Compared as instants: the stored times may
 * carry different UTC offsets.
 */
export function timeOrderConflicts(times: PhaseTimes, changed: ReadonlySet<IncidentStatus>): TimeOrderConflict[] {
  const conflicts: TimeOrderConflict[] = [];
  for (let i = 0; i < STATUSES.length; i++) {
    const earlier = STATUSES[i] as IncidentStatus;
    const earlierAt = times[earlier];
    if (earlierAt === null) continue;
    for (let j = i + 1; j < STATUSES.length; j++) {
      const later = STATUSES[j] as IncidentStatus;
      const laterAt = times[later];
      if (laterAt === null || (!changed.has(earlier) && !changed.has(later))) continue;
      if (Date.parse(laterAt) < Date.parse(earlierAt)) conflicts.push({ later, laterAt, earlier, earlierAt });
    }
  }
  return conflicts;
}
