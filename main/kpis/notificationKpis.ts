import { SEVERITIES, type NotificationGroup, type NotificationKpis, type OverdueObligation } from '../../contract';
import type { RegimeLibrary } from '../notify';
import type { Db } from '../store';
import { scopeWhere, type KpiScope } from './KpiScope';
import { monthSlot } from './period';
import { noticeStages } from './noticeStages';
import { summarize } from './summarize';

const MAX_OVERDUE_LISTED = 100;

/**
 * On-time notification rate over the incidents in scope that are being assessed (breach facts
 * recorded): each stage with a fixed deadline counts once it was sent or its deadline passed by
 * `asOfMs` (the period's end, or now); it is on time when sent on or before the deadline. The
 * margin (deadline minus sent) is over the stages sent. Open overdue obligations are as of now.
 */
export function notificationKpis(db: Db, library: RegimeLibrary, scope: KpiScope, asOfMs: number, now: string): NotificationKpis {
  const where = scopeWhere(scope);
  const rows = db
    // From the few assessed incidents to their kpi rows (CROSS JOIN keeps that order), not the other way round.
    .prepare(`SELECT i.ref, k.severity AS severity, k.detected_ms AS detected,
                     (SELECT MAX(e.seq) FROM events e WHERE e.incident_ref = i.ref) || char(0) || f.facts || char(0) || i.data_categories || char(0) || i.affected AS version
                FROM breach_facts f CROSS JOIN incidents i ON i.ref = f.incident_ref CROSS JOIN kpi_incidents k ON k.id = i.id
               WHERE ${where.sql} ORDER BY k.detected_ms, k.id`)
    .iterate(...where.params) as IterableIterator<{ ref: string; severity: string; detected: number; version: string }>;
  const nowMs = Date.parse(now);
  const months = scope.period.months.map((key) => ({ key, due: 0, onTime: 0, rate: null as number | null }));
  const severities = SEVERITIES.map((key) => ({ key, due: 0, onTime: 0, rate: null as number | null }));
  const margins: number[] = [];
  const overdue: OverdueObligation[] = [];
  let assessed = 0, due = 0, onTime = 0, sentLate = 0, unsentPastDue = 0, withoutDeadline = 0, openOverdue = 0;
  for (const row of rows) {
    assessed++;
    const groups: NotificationGroup[] = [months[monthSlot(scope.period, row.detected)]!, severities[SEVERITIES.indexOf(row.severity as never)] ?? severities[3]!];
    for (const s of noticeStages(db, library, row.ref, row.version, now)) {
      const sent = !Number.isNaN(s.sentAt);
      if (Number.isNaN(s.due)) {
        if (sent) withoutDeadline++;
        continue;
      }
      if (!sent && s.due <= nowMs) {
        openOverdue++;
        if (overdue.length < MAX_OVERDUE_LISTED) overdue.push({ ref: row.ref, regimeId: s.regimeId, regimeName: s.regimeName, stageTitle: s.stageTitle, due: s.dueIso ?? '' });
      }
      if (!sent && s.due > asOfMs) continue;
      due++;
      for (const g of groups) g.due++;
      if (!sent) {
        unsentPastDue++;
        continue;
      }
      margins.push((s.due - s.sentAt) / 1000);
      if (s.sentAt <= s.due) {
        onTime++;
        for (const g of groups) g.onTime++;
      } else sentLate++;
    }
  }
  for (const g of [...months, ...severities]) g.rate = g.due === 0 ? null : g.onTime / g.due;
  return {
    assessedIncidents: assessed, due, onTime, sentLate, unsentPastDue, rate: due === 0 ? null : onTime / due,
    margin: summarize(Float64Array.from(margins)), sentWithoutDeadline: withoutDeadline,
    openOverdue, openOverdueList: overdue.sort((a, b) => a.due.localeCompare(b.due)), byMonth: months, bySeverity: severities,
  };
}
