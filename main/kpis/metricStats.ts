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
const KEY_BITS = 8192;

/**
 * Every group's figures of one metric from ONE sort: each counted value (whole ms) is packed with
 * its incident's group keys into one float — value·8192 + keys, exact below 2^53, i.e. for
 * durations under 34 years — and the typed array sorted natively. Walking the sorted values then
 * visits every group's values in order, so the nearest ranks are picked by counting: no copy per
 * group, no comparator, one number per incident.
 */
export function metricStats(values: Float64Array, status: Uint8Array, inc: IncidentColumns, months: number, quarters: number, groups: boolean): MetricGroups {
  // Local copies: a module's exports read through getters under tsx, which a hot loop should not pay for.
  const { COUNTED, MISSING, NOT_IN_SCOPE } = V;
  const sizes = [1, SEVERITIES.length, CATEGORIES.length, months, quarters];
  const acc = sizes.map((k) => ({
    inScope: new Uint32Array(k), n: new Uint32Array(k), missing: new Uint32Array(k), outOfOrder: new Uint32Array(k),
    seen: new Uint32Array(k), sum: new Float64Array(k), median: new Float64Array(k).fill(NaN), p90: new Float64Array(k).fill(NaN),
  }));
  const G = groups ? 5 : 1;
  const quarterOffset = inc.quarterOffset;
  /** Group g's key of incident i (g: 0 all, 1 severity, 2 category, 3 month, 4 quarter). */
  const keyOf = (g: number, i: number): number => (g === 0 ? 0 : g === 1 ? inc.severity[i]! : g === 2 ? inc.category[i]! : g === 3 ? inc.month[i]! : inc.quarter[i]!);
  let counted = 0;
  for (let g = 0; g < G; g++) {
    const a = acc[g]!;
    for (let i = 0; i < inc.count; i++) {
      const s = status[i]!;
      if (s === NOT_IN_SCOPE) continue;
      const k = keyOf(g, i);
      a.inScope[k]!++;
      if (s === COUNTED) a.n[k]!++;
      else if (s === MISSING) a.missing[k]!++;
      else a.outOfOrder[k]!++;
    }
  }
  counted = acc[0]!.n[0]!;
  const packed = new Float64Array(counted);
  let j = 0;
  for (let i = 0; i < inc.count; i++) {
    if (status[i] !== COUNTED) continue;
    packed[j++] = values[i]! * KEY_BITS + (inc.severity[i]! | (inc.category[i]! << 2) | (inc.month[i]! << 6));
  }
  packed.sort();
  // Nearest rank: the value at rank ⌈p·n⌉ (1-based); rounded first so 0.9 · 10 stays 9.
  const rank = (p: number, n: number) => Math.max(1, Math.ceil(Math.round(p * n * 1e9) / 1e9));
  for (let g = 0; g < G; g++) {
    const a = acc[g]!;
    const medianRank = Uint32Array.from(a.n, (n) => rank(0.5, n));
    const p90Rank = Uint32Array.from(a.n, (n) => rank(0.9, n));
    for (let x = 0; x < counted; x++) {
      const v = packed[x]!;
      const key = v % KEY_BITS;
      const value = (v - key) / KEY_BITS;
      const month = key >> 6;
      const k = g === 0 ? 0 : g === 1 ? key & 3 : g === 2 ? (key >> 2) & 15 : g === 3 ? month : Math.floor((month + quarterOffset) / 3);
      const seen = ++a.seen[k]!;
      a.sum[k]! += value;
      if (seen === medianRank[k]) a.median[k] = value;
      if (seen === p90Rank[k]) a.p90[k] = value;
    }
  }
  const out = acc.map((a, g) =>
    Array.from({ length: sizes[g]! }, (_, k): DurationStats => {
      const n = a.n[k]!;
      return {
        inScope: a.inScope[k]!, n, missing: a.missing[k]!, outOfOrder: a.outOfOrder[k]!,
        coverage: a.inScope[k] === 0 ? null : n / a.inScope[k]!,
        median: n === 0 ? null : a.median[k]! / 1000, p90: n === 0 ? null : a.p90[k]! / 1000, mean: n === 0 ? null : a.sum[k]! / n / 1000,
      };
    }),
  );
  return { overall: out[0]![0]!, bySeverity: out[1]!, byCategory: out[2]!, byMonth: out[3]!, byQuarter: out[4]! };
}
