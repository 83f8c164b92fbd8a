/**
 * Issue 12 user test, findings 2 and 11: a trend is judged better or worse only when both periods
 * rest on n ≥ 5 with coverage at most 20 points apart (docs/kpis.md "Trends"); otherwise it is
 * stated neutral with the reason. "Previous quarter" is the calendar quarter before.
 */
import { describe, expect, it } from 'vitest';
import { trendNotComparable } from '../../../contract/kpiTrendRule';
import { periodOf, previousPeriod } from '../../../main/kpis/period';
import { kpiTrend } from '../../../renderer/lib/kpiTrend';

const DAY = 86_400;

describe('trends', () => {
  it('the user test\'s case: 3 d faster, but coverage 36% against 86%: neutral, with the reason', () => {
    const t = kpiTrend(2 * DAY, 5 * DAY, 'duration', { now: { n: 5, coverage: 0.36 }, before: { n: 12, coverage: 0.86 } });
    expect(t).toMatchObject({ direction: 'down', better: null, notComparable: 'not comparable: coverage 36% now vs 86% before' });
    expect(t.text).toBe('not comparable: coverage 36% now vs 86% before; down 3.0 d on the previous period (5.0 d)');
  });

  it('one incident against one: too few, neutral', () => {
    const t = kpiTrend(3600, 7200, 'duration', { now: { n: 1, coverage: 1 }, before: { n: 1, coverage: 1 } });
    expect(t.better).toBeNull();
    expect(t.notComparable).toBe('too few incidents to compare (n = 1 now, 1 before; a trend needs 5 in each)');
  });

  it('enough values with similar coverage: judged (durations falling, rates rising are better)', () => {
    expect(kpiTrend(3600, 7200, 'duration', { now: { n: 5, coverage: 0.8 }, before: { n: 9, coverage: 0.95 } })).toMatchObject({ direction: 'down', better: true, notComparable: null });
    expect(kpiTrend(0.5, 0.9, 'rate', { now: { n: 6 }, before: { n: 6 } })).toMatchObject({ direction: 'down', better: false, notComparable: null });
    expect(trendNotComparable({ n: 5 }, { n: 4 }, 'drills')).toBe('too few drills to compare (n = 5 now, 4 before; a trend needs 5 in each)');
    expect(trendNotComparable({ n: 5, coverage: 0.5 }, { n: 5, coverage: 0.7 })).toBeNull();
    expect(trendNotComparable({ n: 5, coverage: 0.5 }, { n: 5, coverage: 0.71 })).toMatch(/^not comparable/);
  });

  it('the previous period: calendar months before a whole-month range, equal length otherwise', () => {
    const prev = (from: string, to: string) => {
      const p = previousPeriod(periodOf(from, to));
      return [p.from, p.to];
    };
    expect(prev('2026-07-01', '2026-09-30')).toEqual(['2026-04-01', '2026-06-30']);
    expect(prev('2026-01-01', '2026-03-31')).toEqual(['2025-10-01', '2025-12-31']);
    expect(prev('2026-03-01', '2026-03-31')).toEqual(['2026-02-01', '2026-02-28']);
    expect(prev('2026-01-01', '2026-12-31')).toEqual(['2025-01-01', '2025-12-31']);
    expect(prev('2026-03-01', '2026-03-15')).toEqual(['2026-02-14', '2026-02-28']);
  });
});
