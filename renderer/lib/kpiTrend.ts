import { formatPercent, formatSpan } from './formatSpan';

export interface Trend {
  /** up/down: the figure rose or fell; flat: the same; none: no figure to compare with. */
  direction: 'up' | 'down' | 'flat' | 'none';
  /** Whether the change is for the better (durations falling, rates rising). */
  better: boolean | null;
  text: string;
}

/** The change from the previous period's figure, said so that it cannot be read the wrong way round. */
export function kpiTrend(now: number | null, before: number | null, kind: 'duration' | 'rate'): Trend {
  if (now === null || before === null) return { direction: 'none', better: null, text: before === null ? 'no figure for the previous period' : 'no figure for this period' };
  const delta = now - before;
  if (Math.abs(delta) < (kind === 'rate' ? 0.005 : 0.5)) return { direction: 'flat', better: null, text: 'same as the previous period' };
  const direction = delta > 0 ? 'up' : 'down';
  const better = kind === 'rate' ? delta > 0 : delta < 0;
  const amount = kind === 'rate' ? `${Math.round(Math.abs(delta) * 100)} points` : formatSpan(Math.abs(delta));
  return { direction, better, text: `${direction === 'up' ? 'up' : 'down'} ${amount} on the previous period (${kind === 'rate' ? formatPercent(before) : formatSpan(before)})` };
}
