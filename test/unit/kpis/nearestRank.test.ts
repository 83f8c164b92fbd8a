/**
 * The percentile method of docs/kpis.md, on values chosen by hand: nearest rank, the p-th
 * percentile is the value at rank ⌈p·n⌉ of the sorted values (1-based).
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../main/kpis/summarize';

describe('nearest rank', () => {
  it('n = 10: median is the 5th value, p90 the 9th (0.9 · 10 is 9, not 9.000000000000002 → 10)', () => {
    expect(summarize(Float64Array.from([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]))).toEqual({ n: 10, median: 5, p90: 9, mean: 5.5 });
  });
  it('n = 1: every figure is that one value', () => {
    expect(summarize(Float64Array.from([42]))).toEqual({ n: 1, median: 42, p90: 42, mean: 42 });
  });
  it('n = 4: the lower middle value, never an average of two', () => {
    expect(summarize(Float64Array.from([4, 1, 3, 2]))).toEqual({ n: 4, median: 2, p90: 4, mean: 2.5 });
  });
  it('n = 0: nulls, not zeros', () => {
    expect(summarize(new Float64Array(0))).toEqual({ n: 0, median: null, p90: null, mean: null });
  });
  it('negative values (a late notice\'s margin) sort numerically', () => {
    expect(summarize(Float64Array.from([86_400, -86_400, -3600]))).toEqual({ n: 3, median: -3600, p90: 86_400, mean: -1200 });
  });
});
