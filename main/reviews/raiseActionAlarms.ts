import { ACTION_ALARM_HOURS, type ActionAlarm } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';

/** Items read per query: the sweep's memory stays bounded however many items are overdue at once. */
const BATCH = 500;

/**
 * Raises, once each, the alarms of every open action item that crossed a threshold (a day before
 * it is due, and when it is overdue): an event in the hash chain (`action.alarm`, by `system`) and
 * the alarm returned for a push to the UI, as raiseDeadlineAlarms does for notification deadlines.
 * An item first seen past both thresholds raises only the overdue alarm (the other is recorded as
 * raised, so it does not also warn "due within 24 h"). A new due time may raise its alarms again;
 * a done or won't-do item raises none. Only items still owing an alarm are read.
 */
export function raiseActionAlarms(db: Db, now: string, hours: readonly number[] = ACTION_ALARM_HOURS): ActionAlarm[] {
  const nowMs = Date.parse(now);
  const thresholds = [...new Set([...hours, 0])].sort((a, b) => b - a);
  const cutOf = (h: number) => new Date(nowMs + h * 3_600_000).toISOString();
  // An item owes an alarm for threshold h when it is due within h hours and none was raised for h at this due time.
  const owes = thresholds.map((h) => `(a.due_at <= '${cutOf(h)}' AND NOT EXISTS (SELECT 1 FROM action_alarms x WHERE x.item_id = a.id AND x.due_at = a.due_at AND x.threshold_hours = ${h}))`);
  const candidates = db.prepare(`SELECT a.id, a.incident_ref AS ref, i.exercise, a.title, a.owner, a.due_date AS due, a.due_at AS dueAt
    FROM action_items a JOIN incidents i ON i.ref = a.incident_ref
    WHERE a.status = 'open' AND a.due_at <= ? AND (${owes.join(' OR ')}) ORDER BY a.due_at, a.id LIMIT ${BATCH}`);
  const seen = db.prepare('SELECT threshold_hours AS h FROM action_alarms WHERE item_id = ? AND due_at = ?');
  const record = db.prepare('INSERT INTO action_alarms (item_id, due_at, threshold_hours, raised_at) VALUES (?, ?, ?, ?)');
  const raised: ActionAlarm[] = [];
  const done = new Set<number>();
  db.transaction(() => {
    for (;;) {
      const batch = (candidates.all(cutOf(thresholds[0] ?? 0)) as (Omit<ActionAlarm, 'threshold' | 'exercise'> & { exercise: number })[])
        .map((r) => ({ ...r, exercise: r.exercise === 1 }));
      // Each item leaves the candidates once its alarms are recorded; a batch of none new would loop for ever.
      if (batch.every((item) => done.has(item.id))) break;
      for (const item of batch) {
        done.add(item.id);
        const before = new Set((seen.all(item.id, item.dueAt) as { h: number }[]).map((r) => r.h));
        const dueMs = Date.parse(item.dueAt);
        const crossed = thresholds.filter((h) => nowMs >= dueMs - h * 3_600_000 && !before.has(h));
        for (const h of crossed) record.run(item.id, item.dueAt, h, now);
        const threshold = crossed.at(-1);
        // Already warned at least this urgently for this due time: record, but do not raise a weaker alarm.
        if (threshold === undefined || [...before].some((h) => h <= threshold)) continue;
        const alarm: ActionAlarm = { ...item, threshold };
        appendEvent(db, { actor: 'system', type: 'action.alarm', incidentRef: item.ref, ts: now, data: { ...alarm } });
        raised.push(alarm);
      }
      if (batch.length < BATCH) break;
    }
  }).immediate();
  return raised;
}
