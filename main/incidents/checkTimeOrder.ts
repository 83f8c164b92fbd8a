import { ApiFailure, TIME_POINT_FIELD, type TimeOrderConflict, type TimePoint } from '../../contract';
import { describeTimeOrderConflict } from './describeTimeOrderConflict';
import { timeOrderConflicts, type PhaseTimes } from './timeOrderConflicts';

/** What the event records when times out of order were kept on purpose. */
export interface TimeOrderOverride {
  reason: string;
  conflicts: TimeOrderConflict[];
}

/**
 * Refuses phase times in impossible order (VALIDATION, every pair named, nothing written), unless
 * the caller gave a reason to override: then the pairs and the reason go into the event, so the
 * chain shows who kept which impossible time and why. An override with nothing to override
 * records nothing.
 */
export function checkTimeOrder(times: PhaseTimes, changed: ReadonlySet<TimePoint>, override: string | undefined): TimeOrderOverride | null {
  const conflicts = timeOrderConflicts(times, changed);
  if (conflicts.length === 0) return null;
  if (override !== undefined && override.trim() !== '') return { reason: override.trim(), conflicts };
  const described = conflicts.map(describeTimeOrderConflict);
  const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : '';
  throw new ApiFailure('VALIDATION', `phase times out of order: ${described[0]}${more}; correct the time, or override with a reason`, {
    // Each problem on the field that changed, so a form shows it next to that input.
    issues: conflicts.map((c, i) => `${TIME_POINT_FIELD[changed.has(c.later) ? c.later : c.earlier]}: ${described[i]}`),
    timeOrder: conflicts,
  });
}
