/**
 * cronFireTimes enumerates a schedule's fire times for the backup KPIs (every slot in a period).
 * It must agree with nextFireTime, which the scheduler uses, also on the days the clocks change:
 * run in a zone with DST.
 */
process.env.TZ = 'Europe/Berlin';

import { describe, expect, it } from 'vitest';
import { cronFireTimes, nextFireTime } from '../../../main/backups';

const chain = (expr: string, from: Date, to: Date): number[] => {
  const out: number[] = [];
  for (let t = nextFireTime(expr, new Date(from.getTime() - 1000)); t !== null && t < to; t = nextFireTime(expr, t)) if (t >= from) out.push(t.getTime());
  return out;
};

describe('cronFireTimes', () => {
  it.each(['30 2 * * *', '0 * * * *', '15 3 * * 0', '0 0 L * *', '*/20 1-3 * * 1-5', '0 12 29 2 *'])('%s over 2026 is the same as nextFireTime step by step', (expr) => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    expect([...cronFireTimes(expr, from, to)].map((d) => d.getTime())).toEqual(chain(expr, from, to));
  });

  it('skips a time the spring change removes and keeps the autumn one once', () => {
    const spring = [...cronFireTimes('30 2 * * *', new Date('2026-03-28T00:00:00Z'), new Date('2026-03-31T00:00:00Z'))].map((d) => d.toISOString());
    // 29 March 2026: 02:00 → 03:00 in Berlin, so 02:30 never happens that day.
    expect(spring).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
    const hours = [...cronFireTimes('0 * * * *', new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T23:00:00Z'))];
    // 25 October has 25 hours; node-cron's reading (localTime) fires once per wall-clock hour: 24 times that day.
    expect(hours.length).toBe(chain('0 * * * *', new Date('2026-10-24T22:00:00Z'), new Date('2026-10-25T23:00:00Z')).length);
  });

  it('is empty for a period before the first fire time, and for an expression that never fires', () => {
    expect([...cronFireTimes('0 0 1 1 *', new Date('2026-01-02T00:00:00Z'), new Date('2026-12-31T00:00:00Z'))]).toEqual([]);
    // 29 February: not in 2026.
    expect([...cronFireTimes('0 0 29 2 *', new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))]).toEqual([]);
  });
});
