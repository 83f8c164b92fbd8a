import type { Db } from '../store';
import type { Period } from './period';

/**
 * The drills in the period done for an exercise incident (`backups.drill` with the exercise's
 * reference: its `backup.drill_*` event names it), as `backup id|time` — the drill's event is
 * written with its check, at the same time and naming the backup. It changes with a drill and
 * with an incident's exercise flag, so a kept headline is keyed by it too (computeKpis).
 */
export function exerciseDrills(db: Db, period: Period): Set<string> {
  return new Set(
    (db.prepare(
      `SELECT json_extract(e.data, '$.id') AS id, e.ts FROM events e INDEXED BY events_type JOIN incidents i ON i.ref = e.incident_ref
        WHERE e.type IN ('backup.drill_passed', 'backup.drill_failed') AND i.exercise = 1
          AND unixepoch(e.ts, 'subsec') * 1000 >= ? AND unixepoch(e.ts, 'subsec') * 1000 < ?`,
    ).all(period.startMs, period.endMs) as { id: string; ts: string }[]).map((r) => `${r.id}|${r.ts}`),
  );
}
