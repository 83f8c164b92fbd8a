import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../../main/backups/describeSchedule';

describe('describeSchedule', () => {
  it.each([
    ['30 2 * * *', 'at 02:30 every day'],
    ['*/15 * * * *', 'every 15 minutes'],
    ['0 3 * * 1-5', 'at 03:00 on Mon, Tue, Wed, Thu, Fri'],
    ['5 * * * *', 'every hour at minute 5'],
    ['* * * * * *', 'every second'],
    ['*/10 * * * * *', 'cron */10 * * * * *'],
    ['0 0 1 * *', 'cron 0 0 1 * *'],
  ])('%s → %s', (expr, words) => expect(describeSchedule(expr)).toBe(words));
  it('null for a non-expression', () => expect(describeSchedule('every night')).toBeNull());
});
