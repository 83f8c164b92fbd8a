import type { DrillKpis, DrillPoint } from '../../contract';
import type { Db } from '../store';
import { exerciseDrills } from './exerciseDrills';
import type { Period } from './period';
import { summarize } from './summarize';

const MAX_POINTS = 500;

/**
 * Restore drills in the period (backup_checks of level drill, each its own record): the measured
 * restore time against the RTO the plan had when the drill ran (stored with the drill). A failed
 * drill counts as failed whatever its time; its time, when measured, is still in the figures.
 *
 * A drill done for an exercise incident (`backups.drill` with the exercise's reference: its
 * `backup.drill_*` event names it) is exercise work: left out unless exercises are included, like
 * the exercise itself, and counted in `exercises` either way so the screens say so.
 */
export function drillKpis(db: Db, period: Period, includeExercises = false): DrillKpis {
  const forExercise = exerciseDrills(db, period);
  const rows = db
    .prepare(
      `SELECT c.at, b.plan, c.backup_id AS backupId, c.ok, c.restore_seconds AS restoreSeconds, c.rto_seconds AS rtoSeconds
         FROM backup_checks c JOIN backups b ON b.id = c.backup_id
        WHERE c.level = 'drill' AND unixepoch(c.at, 'subsec') * 1000 >= ? AND unixepoch(c.at, 'subsec') * 1000 < ?
        ORDER BY c.at, c.id`,
    )
    .iterate(period.startMs, period.endMs) as IterableIterator<{ at: string; plan: string; backupId: string; ok: number; restoreSeconds: number | null; rtoSeconds: number | null }>;
  const times: number[] = [];
  const points: DrillPoint[] = [];
  let withinRto = 0, overRto = 0, noRto = 0, failed = 0, exercises = 0;
  for (const r of rows) {
    if (forExercise.has(`${r.backupId}|${r.at}`)) {
      exercises++;
      if (!includeExercises) continue;
    }
    const ok = r.ok === 1;
    if (!ok) failed++;
    const within = r.restoreSeconds === null || r.rtoSeconds === null ? null : r.restoreSeconds <= r.rtoSeconds;
    if (r.rtoSeconds === null) noRto++;
    else if (within === true && ok) withinRto++;
    else overRto++;
    if (r.restoreSeconds !== null) times.push(r.restoreSeconds);
    points.push({ at: r.at, plan: r.plan, backupId: r.backupId, ok, restoreSeconds: r.restoreSeconds, rtoSeconds: r.rtoSeconds, withinRto: within });
    // The newest are the ones to show: keep a window, not everything.
    if (points.length > MAX_POINTS * 2) points.splice(0, points.length - MAX_POINTS);
  }
  return { restore: summarize(Float64Array.from(times)), withinRto, overRto, noRto, failed, exercises, points: points.slice(-MAX_POINTS) };
}
