import {
  CATEGORIES, KPI_INTERVALS, KPI_MAX_PROBLEMS, KPI_PHASES, SEVERITIES, TIME_POINTS,
  type DataProblem, type DurationMetric, type DurationStats, type KpiHeadline, type KpiResult,
} from '../../contract';
import type { RegimeLibrary } from '../notify';
import type { Db } from '../store';
import { actionItemKpis } from './actionItemKpis';
import { backupKpis } from './backupKpis';
import { drillKpis } from './drillKpis';
import { metricStats } from './metricStats';
import { intervalValues, timeOrderProblems } from './intervalValues';
import { scopeOf, scopeWhere, type KpiQuery, type KpiScope } from './KpiScope';
import { loadIncidents, type IncidentColumns } from './loadIncidents';
import { notificationKpis } from './notificationKpis';
import { periodOf, previousPeriod, type Period } from './period';
import { phaseValues } from './phaseValues';
import { runbookKpis } from './runbookKpis';
import { securityKpis } from './securityKpis';

export type { KpiQuery };

const PHASE_WORDS: Record<string, [string, string]> = {
  detected: ['the incident is recorded', 'it moves out of detected'],
  triaged: ['it moves into triaged', 'it moves out of triaged'],
  contained: ['it moves into contained', 'it moves out of contained'],
  eradicated: ['it moves into eradicated', 'it moves out of eradicated'],
  recovered: ['it moves into recovered', 'it moves out of recovered'],
};
const POINT_WORDS: Record<string, string> = {
  started: 'started (the compromise or impact began)', detected: 'detected', triaged: 'triaged', contained: 'contained', recovered: 'recovered', closed: 'closed',
};

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

/** Headlines of ended periods, per database, by what they were computed from (a few, most recent last). */
const headlines = new WeakMap<Db, Map<string, { library: RegimeLibrary; headline: KpiHeadline }>>();

/**
 * The previous period's headline. Once that period has ended, its figures depend only on the
 * store (no deadline or slot is still open in it), and every change the KPIs read — an incident,
 * a status move, a backup, a check, breach facts, a notice, a decision, a plan — appends to the
 * log: so it is kept until the log's head moves (or the rules change), and changing a filter or
 * the period back and forth on the dashboard does not compute it again.
 */
function previousHeadline(db: Db, library: RegimeLibrary, scope: KpiScope, now: string): KpiHeadline {
  if (scope.period.endMs > Date.parse(now)) return headlineOf(computePeriod(db, library, scope, now, false));
  const head = db.prepare('SELECT seq FROM chain_head WHERE id = 1').get() as { seq: number } | undefined;
  const rows = (db.prepare('SELECT max(id) AS id FROM kpi_incidents').get() as { id: number | null }).id;
  const key = JSON.stringify([scope.period.from, scope.period.to, scope.severity, scope.category, scope.includeExercises, head?.seq ?? 0, rows]);
  let perDb = headlines.get(db);
  if (!perDb) headlines.set(db, (perDb = new Map<string, { library: RegimeLibrary; headline: KpiHeadline }>()));
  const hit = perDb.get(key);
  if (hit && hit.library === library) return hit.headline;
  const headline = headlineOf(computePeriod(db, library, scope, now, false));
  perDb.delete(key);
  perDb.set(key, { library, headline });
  // A handful is all a dashboard goes back and forth between.
  for (const old of perDb.keys()) if (perDb.size > 16) perDb.delete(old);
  return headline;
}

type PeriodFigures = Omit<KpiResult, 'previous'>;

function computePeriod(db: Db, library: RegimeLibrary, scope: KpiScope, now: string, full: boolean): PeriodFigures {
  const { period } = scope;
  const nowMs = Date.parse(now);
  const asOfMs = Math.min(period.endMs, nowMs);
  const inc = loadIncidents(db, scope);
  const durations: DurationMetric[] = [];
  for (const m of KPI_INTERVALS) {
    const { values, status } = intervalValues(inc, m);
    durations.push(metricOf(m.id, m.label, 'interval', `${POINT_WORDS[m.from]} time`, `${POINT_WORDS[m.to]} time`, values, status, inc, period, full));
  }
  const phases = phaseValues(inc);
  KPI_PHASES.forEach((p, i) => {
    const [starts, ends] = PHASE_WORDS[p]!;
    durations.push(metricOf(`timeIn_${p}`, `Time in ${p}`, 'phase', starts, ends, phases.values[i]!, phases.status[i]!, inc, period, full));
  });
  const order = timeOrderProblems(inc, KPI_MAX_PROBLEMS);
  const dataProblems = full ? describeProblems(db, inc, order.positions, phases.spoiled) : [];
  const exercisesExcluded = scope.includeExercises
    ? 0
    : (() => {
        const w = scopeWhere(scope, 'only');
        return (db.prepare(`SELECT count(*) AS n FROM kpi_incidents k WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
      })();
  return {
    from: period.from, to: period.to, computedAt: now, asOf: new Date(asOfMs).toISOString(),
    filters: { severity: scope.severity ? [...scope.severity] : null, category: scope.category ? [...scope.category] : null, includeExercises: scope.includeExercises },
    incidents: inc.count, exercisesExcluded, durations,
    notifications: notificationKpis(db, library, scope, asOfMs, now),
    backups: backupKpis(db, period, asOfMs, now),
    drills: drillKpis(db, period),
    runbooks: full ? runbookKpis(db, scope) : [],
    security: full ? securityKpis(db, period) : { failedSignIns: 0, failedSignInsByWeek: [], refusedRequests: 0, refusedRequestsByWeek: [], alertsRaised: 0, alertsRaisedByWeek: [], note: '' },
    actionItems: full ? actionItemKpis(db, scope, now) : null,
    actionItemsNote: null,
    dataProblems,
    dataProblemCount: order.total + phases.spoiledTotal,
  };
}

function metricOf(
  id: string, label: string, kind: DurationMetric['kind'], starts: string, ends: string,
  values: Float64Array, status: Uint8Array, inc: IncidentColumns, period: Period, full: boolean,
): DurationMetric {
  const g = metricStats(values, status, inc, period.months.length, period.quarters.length, full);
  if (!full) return { id, label, kind, starts, ends, overall: g.overall, bySeverity: [], byCategory: [], byMonth: [], byQuarter: [] };
  const keyed = <K extends string>(keys: readonly K[], stats: DurationStats[]) => keys.map((key, i) => ({ key, stats: stats[i]! }));
  return {
    id, label, kind, starts, ends, overall: g.overall,
    bySeverity: keyed(SEVERITIES, g.bySeverity),
    byCategory: keyed(CATEGORIES, g.byCategory).filter((x) => x.stats.inScope > 0),
    byMonth: keyed(period.months, g.byMonth),
    byQuarter: keyed(period.quarters, g.byQuarter),
  };
}

/** The listed problems with what a person needs to fix them: the incident, the times as stored, the override's reason. */
function describeProblems(db: Db, inc: IncidentColumns, timeOrder: number[], spoiled: number[]): DataProblem[] {
  const row = db.prepare(
    'SELECT ref, title, started_at, detected_at, triaged_at, contained_at, eradicated_at, recovered_at, closed_at, created_at FROM incidents WHERE id = ?',
  );
  const reasonOf = db.prepare(
    `SELECT json_extract(data, '$.timeOrderOverride.reason') AS reason FROM events
      WHERE incident_ref = ? AND json_extract(data, '$.timeOrderOverride') IS NOT NULL ORDER BY seq DESC LIMIT 1`,
  );
  const movesOf = db.prepare(
    `SELECT ts, json_extract(data, '$.from') AS "from" FROM events WHERE incident_ref = ? AND type = 'incident.status_changed' ORDER BY seq`,
  );
  const out: DataProblem[] = [];
  for (const pos of timeOrder) {
    const r = row.get(inc.ids[pos]) as Record<string, string | null>;
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
  for (const pos of spoiled.slice(0, Math.max(0, KPI_MAX_PROBLEMS - out.length))) {
    const r = row.get(inc.ids[pos]) as { ref: string; title: string; created_at: string };
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
