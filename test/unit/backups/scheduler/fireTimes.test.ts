import { createTask } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { nextFireTime, previousFireTime } from '../../../../main/backups';

/** Local time, as node-cron reads expressions without a timezone option. */
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => new Date(y, mo - 1, d, h, mi, s, ms);

describe('previous and next fire time of a cron expression', () => {
  it('every 15 minutes: the quarter hour at or before, and strictly after', () => {
    const e = '*/15 * * * *';
    expect(previousFireTime(e, local(2026, 3, 14, 9, 7, 12))).toEqual(local(2026, 3, 14, 9, 0));
    expect(previousFireTime(e, local(2026, 3, 14, 9, 15, 0, 0))).toEqual(local(2026, 3, 14, 9, 15));
    expect(previousFireTime(e, local(2026, 3, 14, 9, 14, 59, 999))).toEqual(local(2026, 3, 14, 9, 0));
    expect(nextFireTime(e, local(2026, 3, 14, 9, 15))).toEqual(local(2026, 3, 14, 9, 30));
    expect(nextFireTime(e, local(2026, 3, 14, 9, 14, 59, 999))).toEqual(local(2026, 3, 14, 9, 15));
    // Across midnight and the year.
    expect(nextFireTime(e, local(2026, 12, 31, 23, 50))).toEqual(local(2027, 1, 1, 0, 0));
    expect(previousFireTime(e, local(2027, 1, 1, 0, 5))).toEqual(local(2027, 1, 1, 0, 0));
    expect(previousFireTime(e, local(2026, 12, 31, 23, 59, 59))).toEqual(local(2026, 12, 31, 23, 45));
  });

  it('daily at 02:30: today once it has passed, else yesterday', () => {
    const e = '30 2 * * *';
    expect(previousFireTime(e, local(2026, 3, 14, 9, 0))).toEqual(local(2026, 3, 14, 2, 30));
    expect(previousFireTime(e, local(2026, 3, 14, 2, 29, 59))).toEqual(local(2026, 3, 13, 2, 30));
    expect(previousFireTime(e, local(2026, 3, 14, 2, 30))).toEqual(local(2026, 3, 14, 2, 30));
    expect(nextFireTime(e, local(2026, 3, 14, 2, 30))).toEqual(local(2026, 3, 15, 2, 30));
    expect(nextFireTime(e, local(2026, 3, 14, 1, 0))).toEqual(local(2026, 3, 14, 2, 30));
    // The first of the month looks back into the previous one.
    expect(previousFireTime(e, local(2026, 3, 1, 1, 0))).toEqual(local(2026, 2, 28, 2, 30));
    expect(previousFireTime(e, local(2028, 3, 1, 1, 0))).toEqual(local(2028, 2, 29, 2, 30));
  });

  it('weekdays at 09:00: Friday back from the weekend, Monday forward', () => {
    const e = '0 9 * * 1-5';
    // 2026-03-14 is a Saturday.
    expect(local(2026, 3, 14).getDay()).toBe(6);
    expect(previousFireTime(e, local(2026, 3, 15, 12, 0))).toEqual(local(2026, 3, 13, 9, 0));
    expect(nextFireTime(e, local(2026, 3, 14, 12, 0))).toEqual(local(2026, 3, 16, 9, 0));
    expect(previousFireTime(e, local(2026, 3, 16, 8, 59))).toEqual(local(2026, 3, 13, 9, 0));
    expect(previousFireTime('0 9 * * MON-FRI', local(2026, 3, 16, 9, 0, 1))).toEqual(local(2026, 3, 16, 9, 0));
  });

  it('month boundaries: the 31st, the last day (L), the 1st, a named month', () => {
    expect(nextFireTime('0 3 31 * *', local(2026, 4, 1))).toEqual(local(2026, 5, 31, 3, 0));
    expect(previousFireTime('0 3 31 * *', local(2026, 5, 30))).toEqual(local(2026, 3, 31, 3, 0));
    expect(nextFireTime('0 0 L * *', local(2028, 2, 1))).toEqual(local(2028, 2, 29));
    expect(nextFireTime('0 0 L * *', local(2026, 2, 1))).toEqual(local(2026, 2, 28));
    expect(previousFireTime('0 0 L * *', local(2026, 3, 30, 23, 59))).toEqual(local(2026, 2, 28));
    expect(previousFireTime('0 0 1 * *', local(2026, 3, 1, 0, 0, 0, 500))).toEqual(local(2026, 3, 1));
    expect(previousFireTime('0 0 1 * *', local(2026, 2, 28, 23, 59))).toEqual(local(2026, 2, 1));
    expect(nextFireTime('0 0 1 jan *', local(2026, 3, 14))).toEqual(local(2027, 1, 1));
    // Last Friday of the month, and the second Monday.
    expect(nextFireTime('0 0 * * 5L', local(2026, 3, 1))).toEqual(local(2026, 3, 27));
    expect(nextFireTime('0 0 * * 1#2', local(2026, 3, 1))).toEqual(local(2026, 3, 9));
  });

  it('six fields: seconds', () => {
    expect(previousFireTime('* * * * * *', local(2026, 3, 14, 9, 0, 7, 400))).toEqual(local(2026, 3, 14, 9, 0, 7));
    expect(nextFireTime('* * * * * *', local(2026, 3, 14, 9, 0, 7, 400))).toEqual(local(2026, 3, 14, 9, 0, 8));
    expect(nextFireTime('*/20 * * * * *', local(2026, 3, 14, 9, 59, 40))).toEqual(local(2026, 3, 14, 10, 0, 0));
  });

  it('day of month AND day of week, as node-cron has it', () => {
    // The 13th that is a Friday: 2026-02-13, then 2026-03-13.
    expect(nextFireTime('0 0 13 * 5', local(2026, 2, 14))).toEqual(local(2026, 3, 13));
    expect(previousFireTime('0 0 13 * 5', local(2026, 3, 12))).toEqual(local(2026, 2, 13));
  });

  it('agrees with node-cron on the next runs and never fires where node-cron would not', () => {
    for (const e of ['*/15 * * * *', '30 2 * * *', '0 9 * * 1-5', '0 0 L * *', '5 4 * * sun', '0 */6 1,15 * *', '0 0 13 * 5', '0 0 * * 1#2']) {
      const task = createTask(e, () => undefined);
      try {
        const from = new Date();
        const theirs = task.getNextRuns(4);
        const ours: Date[] = [];
        let t = from;
        for (let i = 0; i < 4; i++) {
          const n = nextFireTime(e, t);
          if (n === null) throw new Error(`no next run for ${e}`);
          ours.push(n);
          t = n;
        }
        expect(ours.map((d) => d.toISOString()), e).toEqual(theirs.map((d) => d.toISOString()));
        const prev = previousFireTime(e, from);
        expect(prev !== null && task.match(prev), e).toBe(true);
        expect(nextFireTime(e, prev ?? from)?.getTime(), e).toBeGreaterThan(from.getTime());
      } finally {
        void task.destroy();
      }
    }
  });

  it('throws on an invalid expression', () => {
    expect(() => previousFireTime('61 * * * *', new Date())).toThrow();
    expect(() => nextFireTime('not cron', new Date())).toThrow();
  });
});
