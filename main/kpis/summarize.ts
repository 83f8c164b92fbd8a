import type { SignedStats } from '../../contract';

/**
 * n, median, p90 and mean of `values`, which it sorts in place (a typed array sorts numerically).
 * Percentiles by nearest rank: the p-th is the value at rank ⌈p·n⌉ of the sorted values (1-based),
 * so the median of 4 values is the second, and every figure is a value that occurred.
 */
export function summarize(values: Float64Array): SignedStats {
  const n = values.length;
  if (n === 0) return { n: 0, median: null, p90: null, mean: null };
  values.sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return { n, median: nearestRank(values, 0.5), p90: nearestRank(values, 0.9), mean: sum / n };
}

/** The p-th percentile (0 < p ≤ 1) of sorted values by nearest rank. */
export function nearestRank(sorted: Float64Array, p: number): number {
  // 0.9 * 10 is 9.000000000000002 in floating point: round first so an exact rank stays exact.
  const rank = Math.max(1, Math.ceil(Math.round(p * sorted.length * 1e9) / 1e9));
  return sorted[rank - 1]!;
}
