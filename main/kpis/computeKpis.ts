import { KPI_MAX_PROBLEMS, KPI_PHASES, TIME_POINTS, type DataProblem, type KpiHeadline, type KpiResult } from '../../contract';
import type { RegimeLibrary } from '../notify';
import type { Db } from '../store';
import { actionItemKpis } from './actionItemKpis';
import { backupKpis, backupSlotsClose } from './backupKpis';
import { drillKpis } from './drillKpis';
import { exerciseDrills } from './exerciseDrills';
import { incidentFigures } from './incidentFigures';
import { remember, scopeVersion, storeVersions } from './kpiVersions';
import { scopeOf, type KpiQuery, type KpiScope } from './KpiScope';
import { notificationKpis } from './notificationKpis';
import { periodOf, previousPeriod } from './period';
import { runbookKpis } from './runbookKpis';
import { securityKpis } from './securityKpis';

export type { KpiQuery };

/**
 * The KPIs of a period (docs/kpis.md), and the headline of the period before it (previousPeriod in period.ts).
 * Read in one transaction, so every figure describes the same state of the store.
 */
export function computeKpis(db: Db, library: RegimeLibrary, q: KpiQuery, now: string): KpiResult {
  return db.transaction(() => {
    const period = periodOf(q.from, q.to);
    const scope = scopeOf(q, period);
    const current = computePeriod(db, library, scope, now, true);
    return { ...current, previous: previousHeadline(db, library, scopeOf(q, previousPeriod(period)), now) };
  })();
}

/** Headlines of ended periods, per database, by period and filters, with the versions they were computed at (most recent last). */
const headlines = new WeakMap<Db, Map<string, { versions: string; library: RegimeLibrary; headline: KpiHeadline }>>();

/**
 * The previous period's headline. Once that period has ended and the last backup slot reaching
 * into it has closed, its figures depend only on the store: so it is kept until what it is
 * computed from changes — a row of the period's incidents, anything a notice is assessed from, a
 * plan, backup, check or failed run (migration 0220's versions), which drills were done for an
 * exercise — or the rules do. Sign-ins and notes leave it, and changing a filter or the period
 * back and forth on the dashboard does not compute it again.
 */
function previousHeadline(db: Db, library: RegimeLibrary, scope: KpiScope, now: string): KpiHeadline {
  const nowMs = Date.parse(now);
  if (scope.period.endMs > nowMs || backupSlotsClose(db, scope.period) > nowMs) return headlineOf(computePeriod(db, library, scope, now, false));
  const key = JSON.stringify([scope.period.from, scope.period.to, scope.severity, scope.category, scope.includeExercises]);
  const store = storeVersions(db);
  // Which drills are exercise work moves with an incident's exercise flag, wherever that incident was detected: keyed by the set itself (a few rows).
  const drills = Array.from(exerciseDrills(db, scope.period)).sort().join('\n');
  const versions = JSON.stringify([scopeVersion(db, scope), store.notices, store.backups, drills]);
  const hit = headlines.get(db)?.get(key);
  if (hit && hit.versions === versions && hit.library === library) return hit.headline;
  const headline = headlineOf(computePeriod(db, library, scope, now, false));
  // A handful is all a dashboard goes back and forth between.
  remember(headlines, db, key, { versions, library, headline }, 16);
  return headline;
}

type PeriodFigures = Omit<KpiResult, 'previous'>;

function computePeriod(db: Db, library: RegimeLibrary, scope: KpiScope, now: string, full: boolean): PeriodFigures {
  const { period } = scope;
  const nowMs = Date.parse(now);
  const asOfMs = Math.min(period.endMs, nowMs);
  const inc = incidentFigures(db, scope, full);
  return {
    from: period.from, to: period.to, computedAt: now, asOf: new Date(asOfMs).toISOString(),
    filters: { severity: scope.severity ? [...scope.severity] : null, category: scope.category ? [...scope.category] : null, includeExercises: scope.includeExercises },
    incidents: inc.incidents, exercisesExcluded: inc.exercisesExcluded, exercisesIncluded: inc.exercisesIncluded, durations: inc.durations,
    notifications: notificationKpis(db, library, scope, asOfMs, now),
    backups: backupKpis(db, period, asOfMs, now),
    drills: drillKpis(db, period, scope.includeExercises),
    runbooks: full ? runbookKpis(db, scope) : [],
    security: full ? securityKpis(db, period) : { failedSignIns: 0, failedSignInsByWeek: [], refusedRequests: 0, refusedRequestsByWeek: [], note: '' },
    actionItems: full ? actionItemKpis(db, scope, now) : null,
    actionItemsNote: null,
    // Read afresh every time: titles, stored times and override reasons change without the figures.
    dataProblems: full ? describeProblems(db, inc.timeOrderIds, inc.spoiledIds) : [],
    dataProblemCount: inc.problemCount,
  };
}

/** The listed problems with what a person needs to fix them: the incident, the times as stored, the override's reason. */
function describeProblems(db: Db, timeOrder: number[], spoiled: number[]): DataProblem[] {
  const row = db.prepare(
    'SELECT ref, title, started_at, detected_at, triaged_at, contained_at, eradicated_at, recovered_at, closed_at, created_at FROM incidents WHERE id = ?',
  );
  const reasonOf = db.prepare(
    // The partial index of overrides (migration 0220) holds just those events: named, as the planner would walk all the incident's events.
    `SELECT json_extract(data, '$.timeOrderOverride.reason') AS reason FROM events INDEXED BY events_time_overrides
      WHERE incident_ref = ? AND json_extract(data, '$.timeOrderOverride') IS NOT NULL ORDER BY seq DESC LIMIT 1`,
  );
  const movesOf = db.prepare(
    `SELECT ts, json_extract(data, '$.from') AS "from" FROM events WHERE incident_ref = ? AND type = 'incident.status_changed' ORDER BY seq`,
  );
  const out: DataProblem[] = [];
  for (const id of timeOrder) {
    const r = row.get(id) as Record<string, string | null>;
    const at = TIME_POINTS.map((p) => r[`${p}_at`] ?? null);
    const pairs: Extract<DataProblem, { kind: 'time-order' }>['pairs'] = [];
    for (let i = 0; i < TIME_POINTS.length; i++) {
      for (let j = i + 1; j < TIME_POINTS.length; j++) {
        const a = at[i];
        const b = at[j];
        if (a && b && Date.parse(b) < Date.parse(a)) pairs.push({ earlier: TIME_POINTS[i]!, earlierAt: a, later: TIME_POINTS[j]!, laterAt: b });
      }
    }
    const reason = (reasonOf.get(r.ref) as { reason: string | null } | undefined)?.reason ?? null;
    out.push({ kind: 'time-order', ref: r.ref!, title: r.title!, pairs, reason });
  }
  // A stay that ended before it began: found again from the incident's own moves in the log.
  for (const id of spoiled.slice(0, Math.max(0, KPI_MAX_PROBLEMS - out.length))) {
    const r = row.get(id) as { ref: string; title: string; created_at: string };
    let since = r.created_at;
    for (const m of movesOf.all(r.ref) as { ts: string; from: string | null }[]) {
      if (m.from !== null && (KPI_PHASES as readonly string[]).includes(m.from) && !(Date.parse(m.ts) >= Date.parse(since))) {
        out.push({ kind: 'status-order', ref: r.ref, title: r.title, phase: m.from, reason: null, enteredAt: since, leftAt: m.ts });
        break;
      }
      since = m.ts;
    }
  }
  return out;
}

function headlineOf(p: PeriodFigures): KpiHeadline {
  return {
    from: p.from, to: p.to, incidents: p.incidents,
    durations: p.durations.map((d) => ({ id: d.id, n: d.overall.n, coverage: d.overall.coverage, median: d.overall.median })),
    notificationRate: p.notifications.rate, notificationsDue: p.notifications.due,
    backupRate: p.backups.rate, backupsScheduled: p.backups.scheduled,
    drillMedian: p.drills.restore.median, drills: p.drills.restore.n,
  };
}
