import { ALERT_RULE_TITLES, ApiFailure, type Alert, type AlertPage, type AlertRule } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { prepared } from './prepared';

interface AlertRow {
  id: number;
  rule: AlertRule;
  subject: string;
  raised_seq: number;
  raised_at: string;
  window_start: string;
  window_end: string;
  window_minutes: number;
  threshold: number;
  count: number;
  last_seq: number;
  detail: string;
  ack_seq: number | null;
  ack_by: string | null;
  ack_at: string | null;
  ack_note: string | null;
}

export interface NewAlert {
  rule: AlertRule;
  subject: string;
  windowStart: string;
  windowEnd: string;
  windowMinutes: number;
  threshold: number;
  /** Matching events in the window when it is raised. */
  count: number;
  /** The event that made the rule match. */
  triggerSeq: number;
  detail: Record<string, unknown>;
}

const toAlert = (r: AlertRow): Alert => ({
  id: r.id,
  rule: r.rule,
  title: ALERT_RULE_TITLES[r.rule] ?? r.rule,
  subject: r.subject,
  status: r.ack_seq === null ? 'open' : 'acknowledged',
  raisedAt: r.raised_at,
  raisedSeq: r.raised_seq,
  windowStart: r.window_start,
  windowEnd: r.window_end,
  windowMinutes: r.window_minutes,
  threshold: r.threshold,
  count: r.count,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  acknowledged: r.ack_seq === null ? null : { by: r.ack_by ?? '', at: r.ack_at ?? '', note: r.ack_note ?? '', seq: r.ack_seq },
});

/** The newest open alert of this rule about this subject (at most one per window: see countOrRaise). */
export function findOpenAlert(db: Db, rule: AlertRule, subject: string): Alert | null {
  const row = prepared(db, 'SELECT * FROM alerts INDEXED BY alerts_open WHERE ack_seq IS NULL AND rule = ? AND subject = ? ORDER BY id DESC LIMIT 1').get(rule, subject) as AlertRow | undefined;
  return row ? toAlert(row) : null;
}

export function getAlert(db: Db, id: number): Alert {
  const row = db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no alert number ${id}`);
  return toAlert(row);
}

/**
 * Raises an alert: the `security.alert` event (by `system`, at `now`; the window carries the
 * matching events' own times) and its row, in the caller's transaction.
 */
export function raiseAlert(db: Db, alert: NewAlert, now: string): Alert {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO alerts (rule, subject, raised_seq, raised_at, window_start, window_end, window_minutes, threshold, count, last_seq, detail)
       VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(alert.rule, alert.subject, now, alert.windowStart, alert.windowEnd, alert.windowMinutes, alert.threshold, alert.count, alert.triggerSeq, JSON.stringify(alert.detail));
  const id = Number(lastInsertRowid);
  const event = appendEvent(db, {
    actor: 'system', type: 'security.alert', ts: now,
    data: {
      alertId: id, rule: alert.rule, subject: alert.subject, count: alert.count, threshold: alert.threshold, windowMinutes: alert.windowMinutes,
      windowStart: alert.windowStart, windowEnd: alert.windowEnd, triggerSeq: alert.triggerSeq, detail: alert.detail,
    },
  });
  db.prepare('UPDATE alerts SET raised_seq = ? WHERE id = ?').run(event.seq, id);
  return getAlert(db, id);
}

/** One more matching event (`seq`, at `ts`) on an open alert: counted, its window widened to include it. */
export function countOnAlert(db: Db, id: number, ts: string, seq: number): void {
  prepared(
    db,
    'UPDATE alerts SET count = count + 1, window_start = min(window_start, ?), window_end = max(window_end, ?), last_seq = max(last_seq, ?) WHERE id = ?',
  ).run(ts, ts, seq, id);
}

/**
 * Closes an open alert with the administrator's note: `security.alert_acknowledged` in the chain
 * (with the count at that moment). An alert already acknowledged is refused: the first note stands.
 */
export function acknowledgeAlert(db: Db, id: number, by: string, note: string, now: string): Alert {
  return db.transaction(() => {
    const alert = getAlert(db, id);
    if (alert.acknowledged) {
      throw new ApiFailure('CONFLICT', `alert ${id} was already acknowledged by ${alert.acknowledged.by} at ${alert.acknowledged.at}; its note stands`);
    }
    const event = appendEvent(db, {
      actor: by, type: 'security.alert_acknowledged', ts: now,
      data: { alertId: id, rule: alert.rule, subject: alert.subject, count: alert.count, note },
    });
    db.prepare('UPDATE alerts SET ack_seq = ?, ack_by = ?, ack_at = ?, ack_note = ? WHERE id = ?').run(event.seq, by, now, note, id);
    return getAlert(db, id);
  }).immediate();
}

export function countOpenAlerts(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM alerts INDEXED BY alerts_open_by_id WHERE ack_seq IS NULL').get() as { n: number }).n;
}

/** A page of alerts, newest first. */
export function listAlerts(db: Db, q: { status: 'open' | 'acknowledged' | 'all'; offset: number; limit: number }): AlertPage {
  const where = q.status === 'open' ? 'WHERE ack_seq IS NULL' : q.status === 'acknowledged' ? 'WHERE ack_seq IS NOT NULL' : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM alerts ${where}`).get() as { n: number }).n;
  const rows = db.prepare(`SELECT * FROM alerts ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(q.limit, q.offset) as AlertRow[];
  return { total, open: countOpenAlerts(db), offset: q.offset, rows: rows.map(toAlert) };
}
