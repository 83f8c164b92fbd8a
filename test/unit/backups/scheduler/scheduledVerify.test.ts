import { describe, expect, it } from 'vitest';
import type { ScheduledPlan, VerifyOutcome } from '../../../../main/backups';
import { deferred, harness, local, LONG_AGO } from './schedulerHarness';

/** Backups every night, the newest one verified in full every Sunday at 06:00 (2026-03-15 is a Sunday). */
const weekly: ScheduledPlan = {
  name: 'nightly', schedule: '30 2 * * *', createdAt: LONG_AGO,
  verifySchedule: '0 6 * * 0', verifyScheduleText: 'at 06:00 on Sunday', verifyLevel: 'full',
};
const ok = (plan: string, n: number): VerifyOutcome => ({ backupId: `${plan}-b${n}`, ok: true, problems: [] });

describe('BackupScheduler: scheduled verification', () => {
  it('verifies on its own schedule, at the plan\'s level, beside the backups', async () => {
    const h = harness({
      plans: [weekly], start: local(2026, 3, 14, 9, 0),
      last: { nightly: local(2026, 3, 14, 2, 31) }, lastVerified: { nightly: local(2026, 3, 8, 6, 1) },
      verify: async (plan, n) => ok(plan, n),
    });
    h.scheduler.start();
    await h.scheduler.idle();
    // Both are covered: no catch-up.
    expect(h.runs).toEqual([]);
    expect(h.verifications).toEqual([]);
    expect(h.status('nightly')?.verify).toMatchObject({
      schedule: '0 6 * * 0', scheduleText: 'at 06:00 on Sunday', level: 'full', nextRunAt: local(2026, 3, 15, 6, 0).toISOString(),
      lastResult: 'ok', lastRunAt: local(2026, 3, 8, 6, 1).toISOString(), running: false, problems: [],
    });
    expect(h.time.activeCrons()).toEqual(['nightly', 'nightly verify']);

    await h.time.advanceTo(local(2026, 3, 15, 7, 0));
    expect(h.runs.map((r) => r.at)).toEqual([local(2026, 3, 15, 2, 30).toISOString()]);
    expect(h.verifications).toEqual([{ plan: 'nightly', level: 'full', at: local(2026, 3, 15, 6, 0).toISOString() }]);
    expect(h.status('nightly')?.verify).toMatchObject({ lastResult: 'ok', lastBackupId: 'nightly-b1', lastRunAt: local(2026, 3, 15, 6, 0).toISOString(), nextRunAt: local(2026, 3, 22, 6, 0).toISOString() });
    expect(h.lines).toContain('nightly verify: schedule run started');
    expect(h.lines).toContain('nightly verify: done: nightly-b1 passed full verification in 0.0 s');
  });

  it('catches up a missed verification once at start, like a backup', async () => {
    const h = harness({
      plans: [{ ...weekly, verifyLevel: 'quick' }], start: local(2026, 3, 18, 9, 0),
      last: { nightly: local(2026, 3, 18, 2, 31) }, lastVerified: { nightly: local(2026, 3, 1, 6, 1) },
      verify: async (plan, n) => ok(plan, n),
    });
    h.scheduler.start();
    await h.scheduler.idle();
    expect(h.verifications).toEqual([{ plan: 'nightly', level: 'quick', at: local(2026, 3, 18, 9, 0).toISOString() }]);
    expect(h.lines[0]).toBe(`nightly verify: the run due at ${local(2026, 3, 15, 6, 0).toISOString()} was missed; catching up now`);
    expect(h.runs).toEqual([]);
  });

  it('a verification that finds damage is reported, not retried; the next slot checks again', async () => {
    const damaged: VerifyOutcome = { backupId: 'nightly-7', ok: false, problems: ['docs/plan.pdf: SHA-256 differs from the manifest', 'archive nightly-5.tar.age: authentication failed in chunk 12'] };
    const h = harness({
      plans: [weekly], start: local(2026, 3, 15, 5, 0),
      last: { nightly: local(2026, 3, 15, 2, 31) }, lastVerified: { nightly: local(2026, 3, 8, 6, 1) },
      verify: async (_plan, n) => (n === 1 ? damaged : ok('nightly', n)),
    });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 15, 7, 0));
    const message = 'nightly-7 failed full verification: 2 problems, first: docs/plan.pdf: SHA-256 differs from the manifest';
    expect(h.failures).toEqual([{ plan: 'nightly', message, attempt: 1, nextRetryAt: null, task: 'verify' }]);
    expect(h.status('nightly')?.verify).toMatchObject({ lastResult: 'failed', lastError: message, failures: 1, retryAt: null, lastBackupId: 'nightly-7', problems: damaged.problems });
    expect(h.lines).toContain(`nightly verify: ${message}`);
    // verifyBackup itself records backup.verify_failed; the scheduler adds no retry event.
    expect(h.events).toEqual([]);
    expect(h.time.pendingTimers()).toEqual([]);
    // The backups themselves are untouched by it.
    expect(h.status('nightly')).toMatchObject({ lastResult: 'ok', failures: 0 });

    await h.time.advanceTo(local(2026, 3, 22, 6, 0));
    expect(h.verifications).toHaveLength(2);
    expect(h.status('nightly')?.verify).toMatchObject({ lastResult: 'ok', failures: 0, problems: [], lastBackupId: 'nightly-b2' });
  });

  it('a verification that could not run (target unmounted) is retried with backoff and tagged in the timeline', async () => {
    const h = harness({
      plans: [weekly], start: local(2026, 3, 15, 5, 0), retryDelaysMs: [60_000],
      last: { nightly: local(2026, 3, 15, 2, 31) }, lastVerified: { nightly: local(2026, 3, 8, 6, 1) },
      verify: async () => {
        throw new Error('ENOENT: /mnt/backups/nightly/nightly-7.manifest.age');
      },
    });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 15, 7, 0));
    expect(h.verifications.map((v) => v.at)).toEqual([local(2026, 3, 15, 6, 0), local(2026, 3, 15, 6, 1)].map((d) => d.toISOString()));
    const error = 'ENOENT: /mnt/backups/nightly/nightly-7.manifest.age';
    expect(h.events).toEqual([
      { type: 'backup.retry_scheduled', data: { plan: 'nightly', task: 'verify', attempt: 1, error, retryAt: local(2026, 3, 15, 6, 1).toISOString() } },
      { type: 'backup.gave_up', data: { plan: 'nightly', task: 'verify', attempts: 2, error } },
    ]);
    expect(h.status('nightly')?.verify).toMatchObject({ lastResult: 'failed', failures: 2, problems: [], retryAt: null });
  });

  it('nothing to verify yet is not a failure; a verification never overlaps itself', async () => {
    const slow = deferred<VerifyOutcome | null>();
    const h = harness({
      plans: [{ ...weekly, schedule: null, verifySchedule: '*/10 * * * *' }], start: local(2026, 3, 15, 5, 1),
      lastVerified: { nightly: local(2026, 3, 15, 5, 0) },
      verify: (plan, n) => (n === 1 ? Promise.resolve(null) : n === 2 ? slow.promise : Promise.resolve(ok(plan, n))),
    });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 15, 5, 10));
    expect(h.status('nightly')?.verify).toMatchObject({ lastResult: 'ok', lastBackupId: null, failures: 0 });
    expect(h.lines).toContain('nightly verify: done: no backup to verify yet in 0.0 s');
    await h.time.advanceTo(local(2026, 3, 15, 5, 30));
    expect(h.verifications).toHaveLength(2);
    expect(h.lines).toContain('nightly verify: schedule run skipped: already running');
    slow.resolve(ok('nightly', 2));
    await h.scheduler.idle();
    await h.time.advanceTo(local(2026, 3, 15, 5, 40));
    expect(h.verifications).toHaveLength(3);
  });

  it('a plan whose verification schedule changes is re-scheduled; without verifyPlan none is scheduled', async () => {
    const h = harness({ plans: [weekly], start: local(2026, 3, 14, 9, 0), last: { nightly: local(2026, 3, 14, 2, 31) }, lastVerified: { nightly: local(2026, 3, 8, 6, 1) }, verify: async (plan, n) => ok(plan, n) });
    h.scheduler.start();
    h.scheduler.updatePlans([{ ...weekly, verifySchedule: '0 7 * * *' }], new Map([['nightly', local(2026, 3, 14, 2, 31).toISOString()]]), new Map([['nightly', local(2026, 3, 14, 7, 1).toISOString()]]));
    expect(h.status('nightly')?.verify).toMatchObject({ schedule: '0 7 * * *', nextRunAt: local(2026, 3, 15, 7, 0).toISOString() });

    const none = harness({ plans: [weekly], start: local(2026, 3, 14, 9, 0), last: { nightly: local(2026, 3, 14, 2, 31) } });
    none.scheduler.start();
    expect(none.status('nightly')?.verify).toBeNull();
    expect(none.time.activeCrons()).toEqual(['nightly']);
  });
});
