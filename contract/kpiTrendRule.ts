/**
 * When two periods' figures may be compared as better or worse (docs/kpis.md, "Trends"). One rule
 * for the dashboard's tiles and anything else that shows a trend, so a median of one incident is
 * never shown as an improvement on a median of one other, and a median over a third of the
 * incidents is never set against one over nearly all of them.
 */

/** Fewer incidents (notices, runs, drills) than this on either side: too few to call a change. */
export const TREND_MIN_N = 5;
/** Coverage further apart than this (a fraction, 0.2 = 20 points): the figures describe different parts of the incidents. */
export const TREND_MAX_COVERAGE_GAP = 0.2;

export interface TrendBasis {
  /** How many values the figure rests on. */
  n: number;
  /** For durations: n ÷ in scope (null when nothing was in scope). */
  coverage?: number | null;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Why the two figures cannot be compared (said to the reader), or null when they can. */
export function trendNotComparable(now: TrendBasis, before: TrendBasis, things = 'incidents'): string | null {
  if (now.n < TREND_MIN_N || before.n < TREND_MIN_N) {
    return `too few ${things} to compare (n = ${now.n} now, ${before.n} before; a trend needs ${TREND_MIN_N} in each)`;
  }
  if (now.coverage != null && before.coverage != null && Math.abs(now.coverage - before.coverage) > TREND_MAX_COVERAGE_GAP) {
    return `not comparable: coverage ${pct(now.coverage)} now vs ${pct(before.coverage)} before`;
  }
  return null;
}
