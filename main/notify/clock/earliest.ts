import { parseInstant } from './parseInstant';

/**
 * The earlier of two instants, returned as given (`a` when they are equal). Used where a rule sets
 * two limits and the earlier applies (DORA: 4 hours after classification, at most 24 hours after
 * awareness).
 */
export function earliest(a: string, b: string): string {
  return parseInstant(b) < parseInstant(a) ? b : a;
}
