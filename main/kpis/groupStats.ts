import type { DurationStats } from '../../contract';
import { summarize } from './summarize';

/** Per incident (or stay), what a duration metric found. */
export const COUNTED = 0;
export const MISSING = 1;
export const OUT_OF_ORDER = 2;
/** Not about this metric at all (a phase the incident never entered). */
export const NOT_IN_SCOPE = 3;

/**
 * The figures of one metric for each of `k` groups: `keys[i]` is item i's group (null: one group,
 * everything). Values are bucketed into one typed array by group (a counting sort) and each
 * group's slice sorted in place, so memory stays one number per item whatever the grouping.
 */
export function groupStats(values: Float64Array, status: Uint8Array, keys: Uint8Array | Uint16Array | null, k: number, count: number): DurationStats[] {
  const inScope = new Uint32Array(k);
  const n = new Uint32Array(k);
  const missing = new Uint32Array(k);
  const outOfOrder = new Uint32Array(k);
  for (let i = 0; i < count; i++) {
    const s = status[i]!;
    if (s === NOT_IN_SCOPE) continue;
    const g = keys === null ? 0 : keys[i]!;
    inScope[g]!++;
    if (s === COUNTED) n[g]!++;
    else if (s === MISSING) missing[g]!++;
    else outOfOrder[g]!++;
  }
  const offsets = new Uint32Array(k + 1);
  for (let g = 0; g < k; g++) offsets[g + 1] = offsets[g]! + n[g]!;
  const buf = new Float64Array(offsets[k]!);
  const pos = offsets.slice(0, k);
  for (let i = 0; i < count; i++) {
    if (status[i] !== COUNTED) continue;
    const g = keys === null ? 0 : keys[i]!;
    buf[pos[g]!++] = values[i]!;
  }
  const out: DurationStats[] = [];
  for (let g = 0; g < k; g++) {
    const s = summarize(buf.subarray(offsets[g], offsets[g + 1]));
    out.push({
      inScope: inScope[g]!, n: n[g]!, missing: missing[g]!, outOfOrder: outOfOrder[g]!,
      coverage: inScope[g] === 0 ? null : n[g]! / inScope[g]!,
      median: s.median, p90: s.p90, mean: s.mean,
    });
  }
  return out;
}
