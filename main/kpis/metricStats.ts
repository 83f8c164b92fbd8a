import { CATEGORIES, SEVERITIES, type DurationStats } from '../../contract';
import * as V from './valueStatus';
import type { IncidentColumns } from './loadIncidents';

export interface MetricGroups {
  overall: DurationStats;
  bySeverity: DurationStats[];
  byCategory: DurationStats[];
  byMonth: DurationStats[];
  byQuarter: DurationStats[];
}

/** Group keys packed under the value: severity (2 bits), category (4), month of the period (7: ten years). */
export const KEY_BITS = 8192;

/**
 * Every group's figures of one metric from ONE sort: each counted value (whole ms) is packed with
 * its incident's group key (IncidentColumns.key) into one float — value·8192 + key, exact below
 * 2^53, i.e. for durations under 34 years — and the array sorted natively. Walking the sorted
 * values once then visits every group's values in order, so the nearest ranks are picked by
 * counting: no copy per group, no comparator, one number per incident. The counts (in scope,
 * missing, out of order) are taken per key in one pass and added up per group after.
 */
export function metricStats(values: Float64Array, status: Uint8Array, inc: IncidentColumns, months: number, quarters: number, groups: boolean): MetricGroups {
  // Local copies: a module's exports read through getters under tsx, which a hot loop should not pay for.
  const { COUNTED, MISSING, OUT_OF_ORDER, NOT_IN_SCOPE } = V;
  const KEYS = KEY_BITS;
  const count = inc.count;
  const keys = inc.key;
  // Per key: [in scope, counted, missing, out of order].
  const cells = new Uint32Array(KEYS * 4);
  const packed = new Float64Array(count);
  let counted = 0;
  for (let i = 0; i < count; i++) {
    const s = status[i]!;
    if (s === NOT_IN_SCOPE) continue;
    const k = keys[i]!;
    cells[k * 4]!++;
    if (s === COUNTED) {
      cells[k * 4 + 1]!++;
      packed[counted++] = values[i]! * KEYS + k;
    } else if (s === MISSING) cells[k * 4 + 2]!++;
    else if (s === OUT_OF_ORDER) cells[k * 4 + 3]!++;
  }
  const sorted = packed.subarray(0, counted);
  // Every packed value is a non-negative float, whose bits order as integers exactly as the numbers
  // do: sorted as 64-bit integers (about twice as fast as a float sort), read back as floats.
  new BigInt64Array(sorted.buffer, sorted.byteOffset, counted).sort();

  // The groups in one row: overall, the severities, the categories, the months, the quarters.
  const S = SEVERITIES.length;
  const C = CATEGORIES.length;
  const sizes = groups ? [1, S, C, months, quarters] : [1, 0, 0, 0, 0];
  const T = sizes.reduce((a, b) => a + b, 0);
  const offC = 1 + S;
  const offM = offC + C;
  const offQ = offM + months;
  /** Each month's quarter, as a group index. */
  const quarterOf = new Uint32Array(128);
  for (let m = 0; m < 128; m++) quarterOf[m] = offQ + Math.floor((m + inc.quarterOffset) / 3);
  const inScope = new Uint32Array(T);
  const n = new Uint32Array(T);
  const missing = new Uint32Array(T);
  const outOfOrder = new Uint32Array(T);
  for (let k = 0; k < KEYS; k++) {
    const all = cells[k * 4]!;
    if (all === 0) continue;
    const c = cells[k * 4 + 1]!, mi = cells[k * 4 + 2]!, oo = cells[k * 4 + 3]!;
    const targets = groups ? [0, 1 + (k & 3), offC + ((k >> 2) & 15), offM + (k >> 6), quarterOf[k >> 6]!] : [0];
    for (const g of targets) {
      inScope[g]! += all;
      n[g]! += c;
      missing[g]! += mi;
      outOfOrder[g]! += oo;
    }
  }

  // Nearest rank: the value at rank ⌈p·n⌉ (1-based); rounded first so 0.9 · 10 stays 9.
  const rank = (p: number, x: number) => Math.max(1, Math.ceil(Math.round(p * x * 1e9) / 1e9));
  const medianRank = Uint32Array.from(n, (x) => rank(0.5, x));
  const p90Rank = Uint32Array.from(n, (x) => rank(0.9, x));
  const seen = new Uint32Array(T);
  const sum = new Float64Array(T);
  const median = new Float64Array(T).fill(NaN);
  const p90 = new Float64Array(T).fill(NaN);
  // Each group's values are added in sorted order, as the figures have always been summed.
  const hit = (g: number, value: number) => {
    const at = ++seen[g]!;
    sum[g]! += value;
    if (at === medianRank[g]) median[g] = value;
    if (at === p90Rank[g]) p90[g] = value;
  };
  for (let x = 0; x < counted; x++) {
    const v = sorted[x]!;
    // Division by a power of two and floor are exact: the value and its key, as packed.
    const value = Math.floor(v / KEYS);
    hit(0, value);
    if (!groups) continue;
    const key = v - value * KEYS;
    hit(1 + (key & 3), value);
    hit(offC + ((key >> 2) & 15), value);
    hit(offM + (key >> 6), value);
    hit(quarterOf[key >> 6]!, value);
  }
  const statsOf = (g: number): DurationStats => {
    const c = n[g]!;
    return {
      inScope: inScope[g]!, n: c, missing: missing[g]!, outOfOrder: outOfOrder[g]!,
      coverage: inScope[g] === 0 ? null : c / inScope[g]!,
      median: c === 0 ? null : median[g]! / 1000, p90: c === 0 ? null : p90[g]! / 1000, mean: c === 0 ? null : sum[g]! / c / 1000,
    };
  };
  const range = (from: number, size: number) => Array.from({ length: size }, (_, i) => statsOf(from + i));
  return { overall: statsOf(0), bySeverity: range(1, sizes[1]!), byCategory: range(offC, sizes[2]!), byMonth: range(offM, sizes[3]!), byQuarter: range(offQ, sizes[4]!) };
}
