import type { BackupKpis, PlanHealth } from '../../contract';
import { cronFireTimes, listPlans, nextFireTime, previousFireTime } from '../backups';
import type { Db } from '../store';
import type { Period } from './period';

/** Past this many fire times in one period a schedule is not enumerated (every second, all year). */
export const MAX_SLOTS = 200_000;

interface RunRow {
  start: number;
  passed: number;
  failedChecks: number;
}

/**
 * Backup success per plan: every fire time of the plan's schedule in the period (after the plan
 * was added, before `asOfMs`) is a slot, reaching to the next fire time. A slot succeeded when a
 * backup of the plan started in it completed and passed verification (a check passed by now,
 * none failed); it is unverified when the backup completed without a passing check; failed when
 * the run failed (`backup.failed`) or its backup failed a check; missed when nothing ran at all
 * (a catch-up run within the slot counts for it). A slot still open with nothing in it yet is
 * pending and not counted. Plans removed since are not counted (their schedules are gone); plans
 * added after the period are not judged in it (laterPlans), and one added during it is judged from
 * its creation (runs scheduled before it are not missed; its RPO is due an RPO after it).
 */
export function backupKpis(db: Db, period: Period, asOfMs: number, nowIso: string): BackupKpis {
  const plans: PlanHealth[] = [];
  // backups_plan (plan, finished_at) gives the range (a backup finishes after it starts; runBackup
  // writes UTC ISO times), each backup's checks by now folded into two flags in the same query.
  const runsOf = db.prepare(
    `SELECT b.started_at, coalesce(c.passed, 0), coalesce(c.failed, 0) FROM backups b
       LEFT JOIN (SELECT backup_id, max(ok = 1) AS passed, max(ok = 0) AS failed FROM backup_checks WHERE at <= ? GROUP BY backup_id) c ON c.backup_id = b.id
      WHERE b.plan = ? AND b.finished_at >= ? AND b.finished_at < ? ORDER BY b.finished_at`,
  ).raw(true);
  const failuresOf = db.prepare(
    `SELECT unixepoch(ts, 'subsec') * 1000 AS at FROM events INDEXED BY events_backup_failures
      WHERE type = 'backup.failed' AND ts >= ? AND ts < ? AND json_extract(data, '$.plan') = ? ORDER BY seq`,
  );
  // Newest first along the same index; the first one verified (and never failed) by then is it.
  const newestVerified = db.prepare(
    `SELECT b.id, b.finished_at AS finishedAt, unixepoch(b.finished_at, 'subsec') * 1000 AS finished FROM backups b
      WHERE b.plan = ? AND b.finished_at <= ?
        AND EXISTS (SELECT 1 FROM backup_checks c WHERE c.backup_id = b.id AND c.ok = 1 AND c.at <= ?)
        AND NOT EXISTS (SELECT 1 FROM backup_checks c WHERE c.backup_id = b.id AND c.ok = 0 AND c.at <= ?)
      ORDER BY b.finished_at DESC LIMIT 1`,
  );
  const nowMs = Date.parse(nowIso);
  const laterPlans: BackupKpis['laterPlans'] = [];
  for (const plan of listPlans(db)) {
    const createdMs = Date.parse(plan.createdAt);
    // A plan added after the period (or its as-of moment) did not exist in it: nothing to judge.
    if (createdMs >= Math.min(period.endMs, asOfMs)) {
      laterPlans.push({ plan: plan.name, createdAt: plan.createdAt });
      continue;
    }
    const health: PlanHealth = {
      plan: plan.name, createdAt: plan.createdAt, schedule: plan.schedule, scheduleText: plan.scheduleText, scheduled: 0, succeeded: 0, unverified: 0, failed: 0, missed: 0,
      rate: null, note: null, rpoSeconds: plan.rpoMinutes === null ? null : plan.rpoMinutes * 60, rtoSeconds: plan.rtoMinutes === null ? null : plan.rtoMinutes * 60,
      newestVerified: null, withinRpo: null,
    };
    const from = Math.max(period.startMs, createdMs);
    const to = Math.min(period.endMs, asOfMs);
    if (plan.schedule === null) health.note = 'no schedule: runs by hand only, so nothing is scheduled to count';
    else if (from < to) {
      // The last slot reaches to the next fire time after the period (a catch-up run in it counts).
      let last: Date | null = null;
      let after: Date | null = null;
      try {
        last = previousFireTime(plan.schedule, new Date(to - 1));
        after = last === null ? null : nextFireTime(plan.schedule, last);
      } catch {
        // An expression node-cron cannot read: countSlots says so on the plan.
      }
      const until = Math.min(after === null ? to : after.getTime(), nowMs + 1);
      const fromIso = new Date(from).toISOString();
      const runs: RunRow[] = [];
      for (const [startedAt, passed, failed] of runsOf.all(nowIso, plan.name, fromIso, new Date(until + 86_400_000).toISOString()) as [string, number, number][]) {
        runs.push({ start: Date.parse(startedAt), passed, failedChecks: failed });
      }
      // Finished order is almost always started order; the walk needs started order.
      runs.sort((a, b) => a.start - b.start);
      countSlots(health, plan.schedule, from, to, until, nowMs, runs, (failuresOf.all(fromIso, new Date(until).toISOString(), plan.name) as { at: number }[]).map((f) => f.at));
    }
    const asOf = new Date(asOfMs).toISOString();
    const newest = newestVerified.get(plan.name, asOf, asOf, asOf) as { id: string; finishedAt: string; finished: number } | undefined;
    if (newest) health.newestVerified = { id: newest.id, finishedAt: newest.finishedAt, ageSeconds: Math.max(0, (asOfMs - newest.finished) / 1000) };
    if (health.rpoSeconds !== null) {
      // Judged from the plan's creation: with nothing verified yet, it misses its RPO only once it is older than that.
      const youngerThanRpo = (asOfMs - createdMs) / 1000 <= health.rpoSeconds;
      health.withinRpo = health.newestVerified !== null ? health.newestVerified.ageSeconds <= health.rpoSeconds : youngerThanRpo ? null : false;
    }
    plans.push(health);
  }
  const sum = (k: 'scheduled' | 'succeeded' | 'unverified' | 'failed' | 'missed') => plans.reduce((n, p) => n + p[k], 0);
  const scheduled = sum('scheduled');
  const succeeded = sum('succeeded');
  return { scheduled, succeeded, unverified: sum('unverified'), failed: sum('failed'), missed: sum('missed'), rate: scheduled === 0 ? null : succeeded / scheduled, plans, laterPlans };
}

/**
 * The instant from which no backup slot of the period is open any more (the latest end of a
 * plan's last slot in it, which reaches to the next fire time): from then on, an ended period's
 * backup figures change only when the store does. -Infinity when no plan has a schedule.
 */
export function backupSlotsClose(db: Db, period: Period): number {
  let close = Number.NEGATIVE_INFINITY;
  for (const plan of listPlans(db)) {
    if (plan.schedule === null) continue;
    try {
      const last = previousFireTime(plan.schedule, new Date(period.endMs - 1));
      const after = last === null ? null : nextFireTime(plan.schedule, last);
      if (after !== null) close = Math.max(close, after.getTime());
    } catch {
      // An expression node-cron cannot read: no slot is counted for it (countSlots says so).
    }
  }
  return close;
}

/** Walks the fire times, the runs and the failures together (all in time order): one pass, nothing collected. */
function countSlots(h: PlanHealth, schedule: string, from: number, to: number, lastEnd: number, nowMs: number, runs: RunRow[], failures: number[]): void {
  let slot: number | null = null;
  let r = 0;
  let f = 0;
  const RANK = { missed: 0, failed: 1, unverified: 2, succeeded: 3 } as const;
  type Outcome = keyof typeof RANK;
  const settle = (start: number, end: number) => {
    let outcome: Outcome = 'missed';
    for (; r < runs.length && runs[r]!.start < end; r++) {
      const run = runs[r]!;
      if (run.start < start) continue;
      const o: Outcome = run.failedChecks > 0 ? 'failed' : run.passed > 0 ? 'succeeded' : 'unverified';
      if (RANK[o] > RANK[outcome]) outcome = o;
    }
    for (; f < failures.length && failures[f]! < end; f++) if (failures[f]! >= start && RANK.failed > RANK[outcome]) outcome = 'failed';
    // Still open and nothing in it yet: the run may be under way.
    if (outcome === 'missed' && end > nowMs) return;
    h.scheduled++;
    h[outcome]++;
  };
  let count = 0;
  try {
    for (const t of cronFireTimes(schedule, new Date(from), new Date(to))) {
      if (++count > MAX_SLOTS) {
        h.note = `the schedule fires more than ${MAX_SLOTS.toLocaleString('en')} times in the period: not counted`;
        h.scheduled = h.succeeded = h.unverified = h.failed = h.missed = 0;
        return;
      }
      if (slot !== null) settle(slot, t.getTime());
      slot = t.getTime();
    }
    if (slot !== null) settle(slot, lastEnd > nowMs ? Number.POSITIVE_INFINITY : lastEnd);
  } catch (err) {
    h.note = `the schedule cannot be read: ${(err as Error).message}`;
    return;
  }
  h.rate = h.scheduled === 0 ? null : h.succeeded / h.scheduled;
}
