import { trendNotComparable, type TrendBasis } from '../../../contract';
import { percentText, spanText } from './spanText';

/**
 * The change from the previous period, said so it cannot be read the wrong way round: the
 * direction, the amount, whether that is better or worse (durations falling and rates rising are
 * better; a count of incidents is neither), and the previous figure. With a `basis`, better or
 * worse is said only when the dashboard's rule (contract/kpiTrendRule.ts) allows; otherwise the
 * change is stated with the reason it is not judged.
 */
export function trendText(
  now: number | null, before: number | null, kind: 'duration' | 'rate' | 'count',
  basis?: { now: TrendBasis; before: TrendBasis; things?: string },
): string {
  if (before === null) return 'no figure for the previous period';
  const was = kind === 'rate' ? percentText(before) : kind === 'duration' ? spanText(before) : String(before);
  if (now === null) return `no figure for this period (previous: ${was})`;
  const delta = now - before;
  if (Math.abs(delta) < (kind === 'rate' ? 0.005 : 0.5)) return `same as the previous period (${was})`;
  const amount = kind === 'rate' ? `${Math.round(Math.abs(delta) * 100)} points` : kind === 'duration' ? spanText(Math.abs(delta)) : String(Math.abs(delta));
  const notComparable = basis ? trendNotComparable(basis.now, basis.before, basis.things) : null;
  const verdict = kind === 'count' ? '' : notComparable ? `, not judged: ${notComparable}` : (kind === 'rate' ? delta > 0 : delta < 0) ? ': better' : ': worse';
  return `${delta > 0 ? 'up' : 'down'} ${amount}${verdict} (previous: ${was})`;
}
