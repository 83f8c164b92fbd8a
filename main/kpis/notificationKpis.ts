import { SEVERITIES, type NotificationGroup, type NotificationKpis, type OverdueObligation } from '../../contract';
import type { RegimeLibrary } from '../notify';
import type { Db } from '../store';
import { scopeWhere, type KpiScope } from './KpiScope';
import { remember, scopeVersion, storeVersions } from './kpiVersions';
import { monthSlot } from './period';
import { noticeStages } from './noticeStages';
import { IN_RATE, OVERDUE_NOW, stageState } from './stageState';
import { summarize } from './summarize';

const MAX_OVERDUE_LISTED = 100;
const MAX_KEPT = 16;

interface NoticeRow {
  ref: string;
  severity: string;
  detected: number;
  /** What the incident's notice stages are kept by (noticeStages). */
  version: string;
}

/** Every incident with breach facts (kpi id → ref and stage version), per database, with the notices version it was read at. */
const keptBreaches = new WeakMap<Db, { notices: number; byId: Map<number, { ref: string; version: string }> }>();
/** The assessed incidents per database and scope, with the versions they were read at (most recent last). */
const kept = new WeakMap<Db, Map<string, { versions: string; rows: NoticeRow[] }>>();

/**
 * The incidents in scope with breach facts, in detection order. Reading them touches rows of four
 * tables and the log's index for each breach, scattered over the file — after another connection
 * wrote, every such page is read and decrypted again — so they are kept until what they are read
 * from changes (migration 0220): the breaches with their facts, fields and last event until the
 * notices version moves; which of them are in the scope until a row of the period changes too.
 */
function noticeRows(db: Db, scope: KpiScope): NoticeRow[] {
  const { notices } = storeVersions(db);
  const key = JSON.stringify([scope.period.from, scope.period.to, scope.severity, scope.category, scope.includeExercises]);
  const versions = JSON.stringify([scopeVersion(db, scope), notices]);
  const hit = kept.get(db)?.get(key);
  if (hit && hit.versions === versions) return hit.rows;
  let breaches = keptBreaches.get(db);
  if (breaches?.notices !== notices) {
    const byId = new Map<number, { ref: string; version: string }>();
    const all = db.prepare(
      `SELECT i.id, i.ref, (SELECT MAX(e.seq) FROM events e WHERE e.incident_ref = i.ref) || char(0) || f.facts || char(0) || i.data_categories || char(0) || i.affected
         FROM breach_facts f CROSS JOIN incidents i ON i.ref = f.incident_ref`,
    ).raw(true).all() as [number, string, string][];
    for (const [id, ref, version] of all) byId.set(id, { ref, version });
    keptBreaches.set(db, (breaches = { notices, byId }));
  }
  const where = scopeWhere(scope);
  const rows: NoticeRow[] = [];
  // From the few assessed incidents to their kpi rows (CROSS JOIN keeps that order), not the other way round.
  const inScope = db.prepare(`SELECT k.id, k.severity, k.detected_ms FROM json_each(?) j CROSS JOIN kpi_incidents k ON k.id = j.value
                               WHERE ${where.sql} ORDER BY k.detected_ms, k.id`).raw(true);
  for (const [id, severity, detected] of inScope.all(JSON.stringify(Array.from(breaches.byId.keys())), ...where.params) as [number, string, number][]) {
    const b = breaches.byId.get(id)!;
    rows.push({ ref: b.ref, severity, detected, version: b.version });
  }
  remember(kept, db, key, { versions, rows }, MAX_KEPT);
  return rows;
}

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
  for (const row of noticeRows(db, scope)) {
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
