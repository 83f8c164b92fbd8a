/**
 * Issue 12 user test: an action item due "2026-03-31" was read as an instant in UTC, so west of
 * Greenwich it turned overdue in the afternoon of the 31st, and east of it showed as the 1st. A due
 * date is a calendar date: shown as given, overdue only once that day has ended in the zone the
 * backend runs in. This file runs in Los Angeles (UTC−7 on these dates), where the two differ.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatActionRows } from '../../../main/cli/formatActions';
import { formatDue } from '../../../renderer/lib/formatDue';
import { createTestVault, type TestVault } from '../../helpers/testVault';
import { TestClock } from '../../helpers/TestClock';

// Before any date is made: Node applies a TZ set at run time to every Date afterwards. Vitest runs
// each test file in its own child process (pool: 'forks'), so no other file sees this zone.
process.env.TZ = 'America/Los_Angeles';

let v: TestVault;
let ref: string;

beforeAll(async () => {
  // 31 March 2026, 09:00 in Los Angeles.
  v = await createTestVault({ clock: new TestClock(Date.UTC(2026, 2, 31, 16, 0, 0)), idleTimeoutMs: 7 * 86_400_000 });
  ref = (await v.admin.call('incidents.create', { title: 'Ransomware on FS01', severity: 'SEV1', category: 'ransomware' })).ref;
});
afterAll(() => v.dispose());

describe('an action item due on 31 March, in Los Angeles', () => {
  it('is not overdue until 31 March has ended there, though it is 1 April in UTC already', async () => {
    expect(new Date(v.clock.ms).getHours()).toBe(9); // the zone took effect
    const item = await v.admin.call('actions.add', { ref, title: 'Close RDP on every server', owner: 'admin', due: '2026-03-31' });
    expect(item).toMatchObject({ due: '2026-03-31', dueAt: '2026-04-01T06:59:59.999Z', overdue: false });

    v.clock.ms = Date.UTC(2026, 3, 1, 6, 30, 0); // 23:30 on 31 March in Los Angeles
    expect(await v.admin.call('actions.get', { id: item.id })).toMatchObject({ due: '2026-03-31', overdue: false });
    expect(await v.admin.call('actions.list', { overdue: true })).toMatchObject({ total: 0, overdue: 0 });

    v.clock.ms = Date.UTC(2026, 3, 1, 7, 0, 30); // 00:00:30 on 1 April in Los Angeles
    expect(await v.admin.call('actions.get', { id: item.id })).toMatchObject({ due: '2026-03-31', overdue: true });
    const overdue = await v.admin.call('actions.list', { overdue: true });
    expect(overdue).toMatchObject({ total: 1, overdue: 1 });
    // The CLI and the app show the date it was given, not a day before or after.
    expect(formatActionRows(overdue.rows)).toMatch(/A-1\s+IR-\d{4}-\d{4}\s+2026-03-31\s+OVERDUE/);
    expect(formatDue(item.due)).toMatch(/31/);
    expect(formatDue(item.due)).toMatch(/Mar/);
    expect(formatDue(item.due)).not.toMatch(/30|Apr|:/);
  });
});
