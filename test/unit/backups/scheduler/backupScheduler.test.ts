import { describe, expect, it } from 'vitest';
import { ApiFailure, type BackupSummary } from '../../../../contract';
import type { ScheduledPlan } from '../../../../main/backups';
import { settle } from './FakeTime';
import { daily, deferred, harness, local, LONG_AGO, MIN, quarterly, summary } from './schedulerHarness';

describe('BackupScheduler: catch-up at start', () => {
  it('runs once for a missed daily slot, then only on schedule', async () => {
    // Last backup two days ago: the slots of yesterday and today were both missed.
    const h = harness({ plans: [daily], start: local(2026, 3, 14, 9, 0), last: { nightly: local(2026, 3, 12, 2, 31) } });
    h.scheduler.start();
    await h.scheduler.idle();
    expect(h.runs).toEqual([{ plan: 'nightly', at: local(2026, 3, 14, 9, 0).toISOString() }]);
    expect(h.lines[0]).toBe(`nightly: the run due at ${local(2026, 3, 14, 2, 30).toISOString()} was missed; catching up now`);
    expect(h.status('nightly')).toMatchObject({
      lastResult: 'ok', lastBackupId: 'nightly-1', lastRunAt: local(2026, 3, 14, 9, 0).toISOString(),
      nextRunAt: local(2026, 3, 15, 2, 30).toISOString(), failures: 0, retryAt: null, running: false, scheduleText: 'at 02:30 every day',
    });

    await h.time.advanceTo(local(2026, 3, 15, 2, 29));
    expect(h.runs).toHaveLength(1);
    await h.time.advanceTo(local(2026, 3, 16, 3, 0));
    expect(h.runs.map((r) => r.at)).toEqual([local(2026, 3, 14, 9, 0), local(2026, 3, 15, 2, 30), local(2026, 3, 16, 2, 30)].map((d) => d.toISOString()));
  });

  it('runs one catch-up for many missed slots of a frequent schedule', async () => {
    const h = harness({ plans: [quarterly], start: local(2026, 3, 14, 12, 7), last: { quarter: local(2026, 3, 14, 9, 0) } });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 12, 14, 59));
    expect(h.runs).toHaveLength(1);
    await h.time.advanceTo(local(2026, 3, 14, 12, 15));
    expect(h.runs).toHaveLength(2);
  });

  it('does not catch up when the latest slot is covered, nor for a plan created after it', async () => {
    const createdToday: ScheduledPlan = { name: 'fresh', schedule: '30 2 * * *', createdAt: local(2026, 3, 14, 8, 0).toISOString() };
    const createdBefore: ScheduledPlan = { name: 'older', schedule: '30 2 * * *', createdAt: local(2026, 3, 13, 8, 0).toISOString() };
    const manual: ScheduledPlan = { name: 'manual', schedule: null, createdAt: LONG_AGO };
    const h = harness({ plans: [daily, createdToday, createdBefore, manual], start: local(2026, 3, 14, 9, 0), last: { nightly: local(2026, 3, 14, 2, 31) } });
    h.scheduler.start();
    await h.scheduler.idle();
    // Only the plan that existed at 02:30 and has no backup since.
    expect(h.runs.map((r) => r.plan)).toEqual(['older']);
    expect(h.status('manual')).toMatchObject({ schedule: null, nextRunAt: null, lastResult: null });
    expect(h.time.activeCrons()).toEqual(['nightly', 'fresh', 'older']);
  });

  it('catches up once when node-cron reports slots missed while the machine slept', async () => {
    const h = harness({ plans: [quarterly], start: local(2026, 3, 14, 9, 1), last: { quarter: local(2026, 3, 14, 9, 0) } });
    h.scheduler.start();
    await h.time.sleepThrough(2 * 60 * MIN);
    await h.scheduler.idle();
    expect(h.runs).toEqual([{ plan: 'quarter', at: local(2026, 3, 14, 11, 1).toISOString() }]);
    expect(h.lines.filter((l) => l.includes('was missed'))).toHaveLength(1);
  });
});

describe('BackupScheduler: never two runs of a plan at once', () => {
  it('drops a tick that arrives while the plan is still running, and says so once', async () => {
    const slow = deferred<BackupSummary>();
    const h = harness({ plans: [quarterly], start: local(2026, 3, 14, 9, 1), last: { quarter: local(2026, 3, 14, 9, 0, 30) }, run: (plan, n) => (n === 1 ? slow.promise : Promise.resolve(summary(plan, n, new Date()))) });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 9, 15));
    expect(h.runs).toHaveLength(1);
    expect(h.status('quarter')?.running).toBe(true);
    await h.time.advanceTo(local(2026, 3, 14, 10, 0));
    expect(h.runs).toHaveLength(1);
    expect(h.lines.filter((l) => l === 'quarter: schedule run skipped: already running')).toHaveLength(1);

    slow.resolve(summary('quarter', 1, h.time.now()));
    await h.scheduler.idle();
    expect(h.status('quarter')).toMatchObject({ running: false, lastResult: 'ok', lastBackupId: 'quarter-1' });
    await h.time.advanceTo(local(2026, 3, 14, 10, 15));
    expect(h.runs.map((r) => r.at)).toEqual([local(2026, 3, 14, 9, 15), local(2026, 3, 14, 10, 15)].map((d) => d.toISOString()));
  });

  it('skips, without retrying or failing, when another process holds the plan lock', async () => {
    const h = harness({
      plans: [daily], start: local(2026, 3, 14, 2, 0), last: { nightly: local(2026, 3, 13, 2, 31) },
      run: async () => {
        throw new ApiFailure('CONFLICT', 'a backup of this plan is already running (process 4242); runs never overlap');
      },
    });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 2, 30));
    await h.scheduler.idle();
    expect(h.runs).toHaveLength(1);
    expect(h.lines).toContain('nightly: skipped: already running (a backup of this plan is already running (process 4242); runs never overlap)');
    expect(h.time.pendingTimers()).toEqual([]);
    expect(h.failures).toEqual([]);
    expect(h.events).toEqual([]);
    expect(h.status('nightly')).toMatchObject({ lastResult: 'ok', failures: 0, retryAt: null });
  });
});

describe('BackupScheduler: failures are retried with backoff', () => {
  it('retries after 1 and 5 minutes and recovers; every failure is reported', async () => {
    const h = harness({
      plans: [daily], start: local(2026, 3, 14, 2, 0), last: { nightly: local(2026, 3, 13, 2, 31) },
      run: async (plan, n) => {
        if (n <= 2) throw new Error(`target not mounted (${n})`);
        return summary(plan, n, new Date());
      },
    });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 2, 30));
    const firstRetry = local(2026, 3, 14, 2, 31).toISOString();
    expect(h.failures).toEqual([{ plan: 'nightly', message: 'target not mounted (1)', attempt: 1, nextRetryAt: firstRetry }]);
    expect(h.events).toEqual([{ type: 'backup.retry_scheduled', data: { plan: 'nightly', attempt: 1, error: 'target not mounted (1)', retryAt: firstRetry } }]);
    expect(h.status('nightly')).toMatchObject({ lastResult: 'failed', lastError: 'target not mounted (1)', failures: 1, retryAt: firstRetry });
    expect(h.lines).toContain(`nightly: failed (attempt 1 of 4): target not mounted (1); retry at ${firstRetry}`);

    await h.time.advanceTo(local(2026, 3, 14, 2, 31));
    const secondRetry = local(2026, 3, 14, 2, 36).toISOString();
    expect(h.failures[1]).toEqual({ plan: 'nightly', message: 'target not mounted (2)', attempt: 2, nextRetryAt: secondRetry });
    expect(h.status('nightly')).toMatchObject({ failures: 2, retryAt: secondRetry });

    await h.time.advanceTo(local(2026, 3, 14, 2, 36));
    await h.scheduler.idle();
    expect(h.runs.map((r) => r.at)).toEqual([local(2026, 3, 14, 2, 30), local(2026, 3, 14, 2, 31), local(2026, 3, 14, 2, 36)].map((d) => d.toISOString()));
    expect(h.status('nightly')).toMatchObject({ lastResult: 'ok', lastError: null, failures: 0, retryAt: null, lastBackupId: 'nightly-3' });
    expect(h.lines).toContain('nightly: retry run started (attempt 3 of 4)');
    expect(h.events.map((e) => e.type)).toEqual(['backup.retry_scheduled', 'backup.retry_scheduled']);
    expect(h.time.pendingTimers()).toEqual([]);
    // The status went failed → running → ok, and every step was passed on for persisting.
    expect(h.changes.map((c) => `${c[0]?.running ? 'running' : c[0]?.lastResult}`)).toEqual(['ok', 'running', 'failed', 'running', 'failed', 'running', 'ok']);
  });

  it('gives up after the last retry, and starts afresh at the next slot', async () => {
    const h = harness({
      plans: [daily], start: local(2026, 3, 14, 2, 0), last: { nightly: local(2026, 3, 13, 2, 31) },
      run: async (_plan, n) => {
        throw new Error(`disk full (${n})`);
      },
    });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 4, 0));
    const at = (mi: number) => local(2026, 3, 14, 2, mi).toISOString();
    expect(h.runs.map((r) => r.at)).toEqual([at(30), at(31), at(36), local(2026, 3, 14, 3, 1).toISOString()]);
    expect(h.failures.map((f) => [f.attempt, f.nextRetryAt])).toEqual([[1, at(31)], [2, at(36)], [3, local(2026, 3, 14, 3, 1).toISOString()], [4, null]]);
    expect(h.events.at(-1)).toEqual({ type: 'backup.gave_up', data: { plan: 'nightly', attempts: 4, error: 'disk full (4)' } });
    expect(h.events.map((e) => e.type)).toEqual(['backup.retry_scheduled', 'backup.retry_scheduled', 'backup.retry_scheduled', 'backup.gave_up']);
    expect(h.status('nightly')).toMatchObject({ lastResult: 'failed', failures: 4, retryAt: null, nextRunAt: local(2026, 3, 15, 2, 30).toISOString() });
    expect(h.time.pendingTimers()).toEqual([]);

    await h.time.advanceTo(local(2026, 3, 15, 2, 30));
    expect(h.runs).toHaveLength(5);
    expect(h.failures.at(-1)).toMatchObject({ attempt: 1, message: 'disk full (5)' });
    expect(h.status('nightly')).toMatchObject({ failures: 5 });
  });

  it('takes other delays and counts', async () => {
    const h = harness({
      plans: [daily], start: local(2026, 3, 14, 2, 0), last: { nightly: local(2026, 3, 13, 2, 31) }, retryDelaysMs: [10_000],
      run: async () => {
        throw new Error('no route to host');
      },
    });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 3, 0));
    expect(h.runs.map((r) => r.at)).toEqual([local(2026, 3, 14, 2, 30).toISOString(), local(2026, 3, 14, 2, 30, 10).toISOString()]);
    expect(h.events.map((e) => e.type)).toEqual(['backup.retry_scheduled', 'backup.gave_up']);
  });
});

describe('BackupScheduler: plans change, stop', () => {
  it('starts new plans and stops removed ones', async () => {
    const h = harness({ plans: [daily], start: local(2026, 3, 14, 9, 0), last: { nightly: local(2026, 3, 14, 2, 31) } });
    h.scheduler.start();
    h.scheduler.updatePlans([{ ...quarterly, createdAt: local(2026, 3, 14, 9, 0).toISOString() }], new Map());
    expect(h.scheduler.status().map((s) => s.plan)).toEqual(['quarter']);
    expect(h.time.activeCrons()).toEqual(['quarter']);
    await h.time.advanceTo(local(2026, 3, 15, 3, 0));
    expect(new Set(h.runs.map((r) => r.plan))).toEqual(new Set(['quarter']));
    expect(h.runs).toHaveLength(4 * 18);
  });

  it('a plan re-created while its run is in progress does not start a second one; stop() waits for the old', async () => {
    const slow = deferred<BackupSummary>();
    const h = harness({ plans: [quarterly], start: local(2026, 3, 14, 9, 1), last: { quarter: local(2026, 3, 14, 9, 0) }, run: (plan, n) => (n === 1 ? slow.promise : Promise.resolve(summary(plan, n, new Date()))) });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 9, 15));
    h.scheduler.updatePlans([{ ...quarterly, schedule: '*/5 * * * *', createdAt: local(2026, 3, 14, 9, 16).toISOString() }], new Map());
    // The new plan shows the old plan's run: it is the same plan name, and it is running.
    expect(h.status('quarter')).toMatchObject({ schedule: '*/5 * * * *', running: true });
    await h.time.advanceTo(local(2026, 3, 14, 9, 20));
    expect(h.runs).toHaveLength(1);
    expect(h.lines).toContain('quarter: schedule run skipped: already running');
    let stopped = false;
    const stopping = h.scheduler.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    slow.resolve(summary('quarter', 1, h.time.now()));
    await stopping;
    expect(h.runs).toHaveLength(1);
  });

  it('stop() ends the schedule and waits for the running backup; with cancel it aborts it', async () => {
    const slow = deferred<BackupSummary>();
    const h = harness({ plans: [quarterly], start: local(2026, 3, 14, 9, 1), last: { quarter: local(2026, 3, 14, 9, 0) }, run: () => slow.promise });
    h.scheduler.start();
    await h.time.advanceTo(local(2026, 3, 14, 9, 15));
    let stopped = false;
    const stopping = h.scheduler.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    expect(h.time.activeCrons()).toEqual([]);
    slow.resolve(summary('quarter', 1, h.time.now()));
    await stopping;
    expect(h.status('quarter')).toMatchObject({ running: false, lastResult: 'ok', nextRunAt: null });
    await h.time.advanceTo(local(2026, 3, 14, 12, 0));
    expect(h.runs).toHaveLength(1);

    const signals: AbortSignal[] = [];
    const c = harness({
      plans: [quarterly], start: local(2026, 3, 14, 9, 1), last: { quarter: local(2026, 3, 14, 9, 0) },
      run: (_plan, _n, signal) => {
        signals.push(signal);
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new ApiFailure('CONFLICT', 'the backup was cancelled; nothing was kept'))));
      },
    });
    c.scheduler.start();
    await c.time.advanceTo(local(2026, 3, 14, 9, 15));
    await c.scheduler.stop({ cancel: true });
    expect(signals[0]?.aborted).toBe(true);
    expect(c.lines).toContain('quarter: cancelled; nothing was kept');
    expect(c.failures).toEqual([]);
    expect(c.time.pendingTimers()).toEqual([]);
  });
});
