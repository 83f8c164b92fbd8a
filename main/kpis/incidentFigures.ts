import { CATEGORIES, KPI_INTERVALS, KPI_MAX_PROBLEMS, KPI_PHASES, SEVERITIES, type DurationMetric, type DurationStats } from '../../contract';
import type { Db } from '../store';
import { intervalValues, timeOrderProblems } from './intervalValues';
import { scopeWhere, type KpiScope } from './KpiScope';
import { loadIncidents, spliceColumns, type IncidentColumns } from './loadIncidents';
import { metricStats } from './metricStats';
import { remember, scopeDays, scopeVersion } from './kpiVersions';
import type { Period } from './period';
import { phaseValues } from './phaseValues';

/** What a period's incidents give, from kpi_incidents alone: the durations and who has data problems. */
export interface IncidentFigures {
  incidents: number;
  exercisesExcluded: number;
  /** With exercises included: how many of `incidents` are exercises (0 otherwise). */
  exercisesIncluded: number;
  durations: DurationMetric[];
  /** Incidents (kpi_incidents ids, in detection order) with times out of order: the first KPI_MAX_PROBLEMS. */
  timeOrderIds: number[];
  /** Incidents with a phase stay out of order: the first 200. */
  spoiledIds: number[];
  problemCount: number;
}

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
const DAY = 86_400_000;
/** A handful of periods and filters is all a dashboard goes back and forth between. */
const MAX_KEPT = 16;
/** Columns are larger (about 110 bytes an incident): those of the last few scopes (a period and the one before it, twice). */
const MAX_COLUMNS = 4;
/** Past this many changed days, reading the scope again is about as quick as splicing. */
const MAX_SPLICED_DAYS = 64;

/** Figures per database, by period, filters and detail, with the version of the period's days they were computed at (most recent last). */
const kept = new WeakMap<Db, Map<string, { version: number; figures: IncidentFigures }>>();
/** The incidents' columns per database and scope, with the version they were read at (most recent last). */
const keptColumns = new WeakMap<Db, Map<string, { version: number; columns: IncidentColumns }>>();

/**
 * The period's incident figures, kept until a kpi_incidents row detected in it changes
 * (migration 0220: each change gives its detection day the next version; the period's version is
 * the largest over its days). Sign-ins, notes, notices and backups — most of a busy log — leave
 * them valid, and so does a change to an incident of another period. Call inside the read
 * transaction the rest of the figures are read in. Each caller gets its own copy, so what one
 * does with its result cannot change what the next one is given.
 */
export function incidentFigures(db: Db, scope: KpiScope, full: boolean): IncidentFigures {
  const version = scopeVersion(db, scope);
  const key = JSON.stringify([scope.period.from, scope.period.to, scope.severity, scope.category, scope.includeExercises, full]);
  const hit = kept.get(db)?.get(key);
  if (hit && hit.version === version) return structuredClone(hit.figures);
  const figures = computeIncidentFigures(db, scope, full, columnsOf(db, scope, version));
  remember(kept, db, key, { version, figures }, MAX_KEPT);
  return structuredClone(figures);
}

/**
 * The scope's incidents as columns. When the scope was read before at an older version, only the
 * stretches around the days changed since are read again and spliced in (a day either side of
 * each, for the truncation): a status move or an edited time re-reads a few rows, not 50,000.
 */
function columnsOf(db: Db, scope: KpiScope, version: number): IncidentColumns {
  const key = JSON.stringify([scope.period.from, scope.period.to, scope.severity, scope.category, scope.includeExercises]);
  const hit = keptColumns.get(db)?.get(key);
  if (hit && hit.version === version) return hit.columns;
  let columns: IncidentColumns | null = null;
  if (hit) {
    const [first, last] = scopeDays(scope);
    const days = db.prepare('SELECT day FROM kpi_days WHERE day BETWEEN ? AND ? AND version > ? ORDER BY day').pluck().all(first, last, hit.version) as number[];
    if (days.length <= MAX_SPLICED_DAYS) {
      const stretches: { fromMs: number; toMs: number }[] = [];
      for (const d of days) {
        const fromMs = Math.max(scope.period.startMs, (d - 1) * DAY);
        const toMs = Math.min(scope.period.endMs, (d + 2) * DAY);
        if (fromMs >= toMs) continue;
        const prev = stretches.at(-1);
        if (prev && fromMs <= prev.toMs) prev.toMs = Math.max(prev.toMs, toMs);
        else stretches.push({ fromMs, toMs });
      }
      columns = spliceColumns(hit.columns, stretches.map((s) => ({ ...s, rows: loadIncidents(db, scope, s) })));
    }
  }
  columns ??= loadIncidents(db, scope);
  remember(keptColumns, db, key, { version, columns }, MAX_COLUMNS);
  return columns;
}

function computeIncidentFigures(db: Db, scope: KpiScope, full: boolean, inc: IncidentColumns): IncidentFigures {
  const { period } = scope;
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
  // Exercises detected in the period that match the other filters: left out, or (when asked) counted, and said so either way.
  // Rows of the period's days, like the columns: kept by the same version.
  const w = scopeWhere(scope, 'only');
  const exercises = (db.prepare(`SELECT count(*) AS n FROM kpi_incidents k WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
  return {
    incidents: inc.count, exercisesExcluded: scope.includeExercises ? 0 : exercises, exercisesIncluded: scope.includeExercises ? exercises : 0, durations,
    timeOrderIds: order.positions.map((pos) => inc.ids[pos]!), spoiledIds: phases.spoiled.map((pos) => inc.ids[pos]!),
    problemCount: order.total + phases.spoiledTotal,
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
