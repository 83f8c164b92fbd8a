import { DEFAULT_ALARM_HOURS, type DeadlineAlarm } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { deadlineBoard } from './deadlineBoard';
import type { RegimeLibrary } from './RegimeLibrary';

/** Warn this many hours before a deadline (and again when it passes); an administrator may set others (`settings.alarms.set`). */
export { DEFAULT_ALARM_HOURS };

/**
 * Raises, once each, the alarms of every open obligation that crossed a threshold: an event in
 * the hash chain (`notify.deadline_alarm`, by `system`) and the alarm returned for a push to the
 * UI. An obligation seen for the first time past several thresholds raises only the most urgent
 * one (the others are recorded as raised, so a deadline already passed does not also warn "24 h
 * left"). Likewise a threshold added later (`settings.alarms.set`) that an obligation has already
 * crossed is recorded silently when a more urgent alarm was raised for it: after "4 h left" or
 * "passed", a new 48 h threshold must not warn "less than 48 h away".
 */
export function raiseDeadlineAlarms(db: Db, library: RegimeLibrary, now: string, hours: readonly number[] = DEFAULT_ALARM_HOURS): DeadlineAlarm[] {
  const nowMs = Date.parse(now);
  const raised: DeadlineAlarm[] = [];
  const seen = db.prepare('SELECT 1 FROM notify_alarms WHERE incident_ref = ? AND regime_id = ? AND stage_id = ? AND due = ? AND threshold_hours = ?');
  const mostUrgent = db.prepare('SELECT MIN(threshold_hours) AS h FROM notify_alarms WHERE incident_ref = ? AND regime_id = ? AND stage_id = ? AND due = ?');
  const record = db.prepare('INSERT INTO notify_alarms (incident_ref, regime_id, stage_id, due, threshold_hours, raised_at) VALUES (?, ?, ?, ?, ?, ?)');
  const thresholds = [...new Set([...hours, 0])].sort((a, b) => b - a);
  db.transaction(() => {
    for (const row of deadlineBoard(db, library, now)) {
      if (row.due === null) continue;
      const dueMs = Date.parse(row.due);
      const crossed = thresholds.filter((h) => nowMs >= dueMs - h * 3_600_000 && !seen.get(row.ref, row.regimeId, row.stageId, row.due, h));
      if (crossed.length === 0) continue;
      const before = (mostUrgent.get(row.ref, row.regimeId, row.stageId, row.due) as { h: number | null }).h;
      for (const h of crossed) record.run(row.ref, row.regimeId, row.stageId, row.due, h, now);
      const threshold = Math.min(...crossed);
      if (before !== null && before <= threshold) continue;
      const alarm: DeadlineAlarm = { ref: row.ref, regimeId: row.regimeId, regimeName: row.regimeName, stageId: row.stageId, stageTitle: row.stageTitle, due: row.due, threshold, exercise: row.exercise };
      appendEvent(db, { actor: 'system', type: 'notify.deadline_alarm', incidentRef: row.ref, ts: now, data: { ...alarm } });
      raised.push(alarm);
    }
  }).immediate();
  return raised;
}
