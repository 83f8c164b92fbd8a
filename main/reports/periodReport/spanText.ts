import { type DurationStats, type SignedStats } from '../../../contract';
import { formatKpiSpan } from '../../../contract/formatKpiSpan';

/** A KPI duration at a glance, by the dashboard's rule (contract formatKpiSpan), with an ASCII minus (the PDF's fonts have no U+2212). */
export function spanText(seconds: number | null): string {
  return formatKpiSpan(seconds, { none: '—', minus: '-' });
}

/** "67%", or "—" when there is nothing to divide by. */
export function percentText(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)}%`;
}

/** The cells every duration shows, never a mean alone: N of in scope, coverage, median, p90, mean. */
export function statsCells(s: DurationStats): [string, string, string, string, string] {
  return [`${s.n} of ${s.inScope}`, percentText(s.coverage), spanText(s.median), spanText(s.p90), spanText(s.mean)];
}

/** "median 2.0 h, p90 6.0 h, mean 3.1 h (n = 4)" — a signed statistic in a sentence. */
export function signedText(s: SignedStats, none = 'none'): string {
  if (s.n === 0) return none;
  return `median ${spanText(s.median)}, p90 ${spanText(s.p90)}, mean ${spanText(s.mean)} (n = ${s.n})`;
}

/**
 * The unit a chart of durations (seconds) reads best in, chosen by its largest value, and the
 * factor to divide by: a drill's seconds, a triage's minutes, a recovery's hours, a closure's days.
 */
export function chartUnit(values: readonly (number | null)[]): { unit: string; divisor: number } {
  let max = 0;
  for (const v of values) if (v !== null && v > max) max = v;
  if (max < 120) return { unit: 'seconds', divisor: 1 };
  if (max < 7200) return { unit: 'minutes', divisor: 60 };
  if (max < 172_800) return { unit: 'hours', divisor: 3600 };
  return { unit: 'days', divisor: 86_400 };
}
