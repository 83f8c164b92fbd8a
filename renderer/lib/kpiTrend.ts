import { trendNotComparable, type TrendBasis } from '../../contract/kpiTrendRule';
import { formatPercent, formatSpan } from './formatSpan';

export interface Trend {
  /** up/down: the figure rose or fell; flat: the same; none: no figure to compare with. */
  direction: 'up' | 'down' | 'flat' | 'none';
  /** Whether the change is for the better (durations falling, rates rising); null when it cannot be said. */
  better: boolean | null;
  text: string;
  /** Why the change is not judged (too few values, coverage far apart): shown instead of a coloured arrow. */
  notComparable: string | null;
}

/**
 * The change from the previous period's figure, said so that it cannot be read the wrong way round.
 * It is judged better or worse only when both periods rest on enough values with similar coverage
 * (contract/kpiTrendRule.ts); otherwise the change is still stated, neutral, with the reason.
 */
export function kpiTrend(
  now: number | null, before: number | null, kind: 'duration' | 'rate',
  basis?: { now: TrendBasis; before: TrendBasis; things?: string },
): Trend {
  if (now === null || before === null) {
    return { direction: 'none', better: null, notComparable: null, text: before === null ? 'no figure for the previous period' : 'no figure for this period' };
  }
  const reason = basis ? trendNotComparable(basis.now, basis.before, basis.things) : null;
  const delta = now - before;
  const was = kind === 'rate' ? formatPercent(before) : formatSpan(before);
  if (Math.abs(delta) < (kind === 'rate' ? 0.005 : 0.5)) {
    return { direction: 'flat', better: null, notComparable: reason, text: reason ? `${reason}; the same figure as the previous period` : 'same as the previous period' };
  }
  const direction = delta > 0 ? 'up' : 'down';
  const amount = kind === 'rate' ? `${Math.round(Math.abs(delta) * 100)} points` : formatSpan(Math.abs(delta));
  const change = `${direction} ${amount} on the previous period (${was})`;
  if (reason) return { direction, better: null, notComparable: reason, text: `${reason}; ${change}` };
  return { direction, better: kind === 'rate' ? delta > 0 : delta < 0, notComparable: null, text: change };
}
