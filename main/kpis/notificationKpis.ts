import { SEVERITIES, type NotificationGroup, type NotificationKpis, type OverdueObligation } from '../../contract';
import type { RegimeLibrary } from '../notify';
import type { Db } from '../store';
import { assessedIncidents } from './assessedIncidents';
import type { KpiScope } from './KpiScope';
import { monthSlot } from './period';
import { noticeStages } from './noticeStages';
import { IN_RATE, OVERDUE_NOW, stageState } from './stageState';
import { summarize } from './summarize';

const MAX_OVERDUE_LISTED = 100;

/**
 * On-time notification rate over the incidents in scope that are being assessed (breach facts
 * recorded): each stage with a fixed deadline counts once it was sent or its deadline passed by
 * `asOfMs` (the period's end, or now); it is on time when sent on or before the deadline. The
 * margin (deadline minus sent) is over the stages sent. Open overdue obligations are as of now.
 */
export function notificationKpis(db: Db, library: RegimeLibrary, scope: KpiScope, asOfMs: number, now: string): NotificationKpis {
  const nowMs = Date.parse(now);
  const months = scope.period.months.map((key) => ({ key, due: 0, onTime: 0, rate: null as number | null }));
  const severities = SEVERITIES.map((key) => ({ key, due: 0, onTime: 0, rate: null as number | null }));
  const margins: number[] = [];
  const overdue: OverdueObligation[] = [];
  let assessed = 0, due = 0, onTime = 0, sentLate = 0, unsentPastDue = 0, withoutDeadline = 0, openOverdue = 0;
  for (const row of assessedIncidents(db, scope)) {
    assessed++;
    const groups: NotificationGroup[] = [months[monthSlot(scope.period, row.detected)]!, severities[SEVERITIES.indexOf(row.severity as never)] ?? severities[3]!];
    for (const s of noticeStages(db, library, row.ref, row.version, now)) {
      const state = stageState(s, asOfMs, nowMs);
      if (state === 'no-deadline-sent') withoutDeadline++;
      if (OVERDUE_NOW.has(state)) {
        openOverdue++;
        if (overdue.length < MAX_OVERDUE_LISTED) overdue.push({ ref: row.ref, regimeId: s.regimeId, regimeName: s.regimeName, stageTitle: s.stageTitle, due: s.dueIso ?? '' });
      }
      if (!IN_RATE.has(state)) continue;
      due++;
      for (const g of groups) g.due++;
      if (state === 'unsent-past-due') {
        unsentPastDue++;
        continue;
      }
      margins.push((s.due - s.sentAt) / 1000);
      if (state === 'on-time') {
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
