/**
 * The KPIs (docs/kpis.md has every definition: start and end timestamps, what counts in N and in
 * coverage, what is left out). Plain constants and types: the CLI's help and the renderer import
 * them without zod. Durations and margins are in seconds; periods and months are UTC.
 */
import type { Category, IncidentStatus, Severity } from './incidentTerms';
import { isCalendarDay } from './calendarDay';
import type { TimePoint } from './phases';

/** The incident-time durations: each from one of the incident's own timestamps to another. */
export const KPI_INTERVALS = [
  { id: 'timeToDetect', label: 'Time to detect', from: 'started', to: 'detected' },
  { id: 'timeToTriage', label: 'Time to triage', from: 'detected', to: 'triaged' },
  { id: 'timeToContain', label: 'Time to contain', from: 'detected', to: 'contained' },
  { id: 'timeToRecover', label: 'Time to recover', from: 'detected', to: 'recovered' },
  { id: 'timeToClose', label: 'Time to close', from: 'detected', to: 'closed' },
] as const satisfies readonly { id: string; label: string; from: TimePoint; to: TimePoint }[];
export type KpiIntervalId = (typeof KPI_INTERVALS)[number]['id'];

/**
 * The durations a pair of an incident's times in impossible order spoils: only a duration measured
 * from the one to the other (contained before triaged spoils none: no figure runs from triaged to
 * contained). Said per data problem, so a reader is never told figures were left out when none were.
 */
export function durationsSpoiledBy(pair: { earlier: TimePoint; later: TimePoint }): string[] {
  return KPI_INTERVALS.filter((m) => m.from === pair.earlier && m.to === pair.later).map((m) => m.label);
}

/** What a data problem does to the figures, in words: which durations it leaves out, or that none use it. */
export function dataProblemEffect(p: { kind: 'time-order'; pairs: readonly { earlier: TimePoint; later: TimePoint }[] } | { kind: 'status-order'; phase: string }): string {
  if (p.kind === 'status-order') return `left out: Time in ${p.phase} (this stay)`;
  const spoiled = [...new Set(p.pairs.flatMap((x) => durationsSpoiledBy(x)))];
  return spoiled.length > 0 ? `left out: ${spoiled.join(', ')}` : 'none of the figures use this pair';
}

/** The phases an incident can spend time in (closed is where it ends, so it has no time "in" it). */
export const KPI_PHASES = ['detected', 'triaged', 'contained', 'eradicated', 'recovered'] as const satisfies readonly IncidentStatus[];
export type KpiPhase = (typeof KPI_PHASES)[number];

/** The longest period one request may cover, in days (ten years and a bit). */
export const KPI_MAX_DAYS = 3700;


/**
 * What is wrong with a KPI period, in words that name the fix (the same for the API, the CLI and
 * the dashboard's picker), or null when it is a period the KPIs can be computed for.
 */
export function kpiPeriodProblem(from: string, to: string, names: { from: string; to: string } = { from: '"from"', to: '"to"' }): string | null {
  for (const [name, v] of [[names.from, from], [names.to, to]] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${name}: give a date as YYYY-MM-DD, e.g. 2026-01-01, not ${JSON.stringify(v)}`;
    if (!isCalendarDay(v)) return `${name}: ${v} is not a calendar date`;
  }
  if (from > to) return `${names.to} must be on or after ${names.from} (${from} to ${to} ends before it starts)`;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  if (days > KPI_MAX_DAYS) return `${from} to ${to} is ${days.toLocaleString('en')} days: a period covers at most ${KPI_MAX_DAYS.toLocaleString('en')} days (about ten years); pick a later ${names.from} or an earlier ${names.to}`;
  return null;
}
/** Data problems listed in full; past this only the count grows. */
export const KPI_MAX_PROBLEMS = 200;

/**
 * Figures of one duration over one group. Percentiles by nearest rank (docs/kpis.md): the median
 * is the value at rank ⌈n/2⌉ of the sorted values, p90 at rank ⌈0.9·n⌉ — always a value that
 * occurred. `median`, `p90` and `mean` are null when n is 0.
 */
export interface DurationStats {
  /** Incidents (or stays in a phase) the metric is about in this group. */
  inScope: number;
  /** Those that produced a duration: both timestamps known and in order. */
  n: number;
  /** In scope but a timestamp is unknown (not started yet, not reached, start unknown). */
  missing: number;
  /** In scope, both timestamps known, but in impossible order (kept by an override): listed under data problems, never a negative duration. */
  outOfOrder: number;
  /** n ÷ inScope (0–1), null when nothing is in scope. Below 1, the figures describe only part of the group. */
  coverage: number | null;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export interface GroupStats<K extends string = string> {
  key: K;
  stats: DurationStats;
}

export interface DurationMetric {
  id: string;
  label: string;
  /** `interval`: between two of the incident's own timestamps; `phase`: time spent in a phase, from the status changes. */
  kind: 'interval' | 'phase';
  /** What starts and ends it, in words (docs/kpis.md). */
  starts: string;
  ends: string;
  overall: DurationStats;
  bySeverity: GroupStats<Severity>[];
  byCategory: GroupStats<Category>[];
  /** `2026-01` … every month of the period, empty ones included. */
  byMonth: GroupStats[];
  /** `2026-Q1` … every quarter the period touches. */
  byQuarter: GroupStats[];
}

/** A signed statistic (a notice's margin: positive sent early, negative late), nearest rank like the durations. */
export interface SignedStats {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export interface NotificationGroup {
  key: string;
  /** Notices due by the end of the period (or now), or sent: the denominator. */
  due: number;
  onTime: number;
  rate: number | null;
}

export interface OverdueObligation {
  ref: string;
  regimeId: string;
  regimeName: string;
  stageTitle: string;
  due: string;
}

export interface NotificationKpis {
  /** Incidents in scope whose breach facts are recorded (the only ones with obligations). */
  assessedIncidents: number;
  /** Stages with a fixed deadline that were sent, or whose deadline passed by the period's end (or now): the denominator. */
  due: number;
  /** Sent on or before the deadline. */
  onTime: number;
  /** Sent after the deadline. */
  sentLate: number;
  /** Deadline passed by the period's end (or now) and not sent. */
  unsentPastDue: number;
  /** onTime ÷ due (0–1), null when nothing was due. */
  rate: number | null;
  /** Deadline minus the time sent, seconds, over the stages sent that have a fixed deadline. */
  margin: SignedStats;
  /** Notices sent for stages without a fixed deadline ("as soon as possible"): not in the rate. */
  sentWithoutDeadline: number;
  /** Obligations of incidents in scope that are open and past their deadline now. */
  openOverdue: number;
  openOverdueList: OverdueObligation[];
  byMonth: NotificationGroup[];
  bySeverity: NotificationGroup[];
}

export interface PlanHealth {
  plan: string;
  /** When the plan was added: its runs are counted, and its RPO judged, from then on. */
  createdAt: string;
  schedule: string | null;
  scheduleText: string | null;
  /** Fire times of the schedule in the period (after the plan was added, before now). */
  scheduled: number;
  /** A run in the slot completed and passed verification (a check passed, none failed). */
  succeeded: number;
  /** A run in the slot completed but no check has passed yet. */
  unverified: number;
  /** The run in the slot failed, or its backup failed a check. */
  failed: number;
  /** No run at all between this fire time and the next. */
  missed: number;
  /** succeeded ÷ scheduled (0–1), null when nothing was scheduled. */
  rate: number | null;
  /** Set when the schedule fires too often to enumerate in the period (the rate is then null). */
  note: string | null;
  rpoSeconds: number | null;
  rtoSeconds: number | null;
  /** The newest backup that passed verification by the period's end (or now). */
  newestVerified: { id: string; finishedAt: string; ageSeconds: number } | null;
  /**
   * ageSeconds ≤ the RPO; null without an RPO, and when none is verified yet but the plan was added
   * less than an RPO before the period's end (not due yet). False when none is verified and it was due.
   */
  withinRpo: boolean | null;
}

export interface BackupKpis {
  scheduled: number;
  succeeded: number;
  unverified: number;
  failed: number;
  missed: number;
  rate: number | null;
  plans: PlanHealth[];
  /** Plans added after the period ended (or after now): not judged in it, only named. */
  laterPlans: { plan: string; createdAt: string }[];
}

export interface DrillPoint {
  at: string;
  plan: string;
  backupId: string;
  ok: boolean;
  restoreSeconds: number | null;
  rtoSeconds: number | null;
  withinRto: boolean | null;
}

export interface DrillKpis {
  /** Restore times of the drills in the period, seconds. */
  restore: SignedStats;
  withinRto: number;
  overRto: number;
  /** Drills whose plan set no RTO. */
  noRto: number;
  failed: number;
  /** Drills done for exercise incidents in the period: left out of every figure here unless exercises are included (then counted in them). */
  exercises: number;
  /** Oldest first (the last 500 when there are more). */
  points: DrillPoint[];
}

export interface RunbookStepKpi {
  stepId: string;
  title: string;
  picerl: string;
  /** Runs in which the step was done (skipped and not-applicable steps have no working time). */
  stats: SignedStats;
}

export interface RunbookKpi {
  runbookId: string;
  title: string;
  runs: number;
  steps: RunbookStepKpi[];
  /** Per PICERL phase: from the first of its steps becoming available to the last finished, in runs where all its steps finished. */
  phases: { picerl: string; stats: SignedStats; unfinished: number }[];
}

export interface WeekCount {
  /** The Monday (UTC) that starts the ISO week. */
  week: string;
  count: number;
}

export interface SecurityKpis {
  failedSignIns: number;
  failedSignInsByWeek: WeekCount[];
  /** Requests refused for the caller's role (logged as `auth.denied`). */
  refusedRequests: number;
  refusedRequestsByWeek: WeekCount[];
  /** What is not counted because it is not logged. */
  note: string;
}

/**
 * Action items of the incidents in scope (main/reviews listActionItems): open, of those overdue now;
 * done on or before the due date, done after it; closed as won't do (with the reason).
 */
export interface ActionItemKpis {
  open: number;
  overdue: number;
  closedOnTime: number;
  closedLate: number;
  wontDo: number;
}

export type DataProblem =
  | {
      kind: 'time-order';
      ref: string;
      title: string;
      /** Every pair in impossible order, later point first as the incident form names them. */
      pairs: { earlier: TimePoint; earlierAt: string; later: TimePoint; laterAt: string }[];
      /** The override's reason as logged, when one was given. */
      reason: string | null;
    }
  | {
      kind: 'status-order';
      ref: string;
      title: string;
      /** A status change recorded before the one it followed (a clock set back): that stay is left out. */
      phase: string;
      enteredAt: string;
      leftAt: string;
      reason: null;
    };

/** The headline figures of a period, for the trend against the previous one. */
export interface KpiHeadline {
  from: string;
  to: string;
  incidents: number;
  durations: { id: string; n: number; coverage: number | null; median: number | null }[];
  notificationRate: number | null;
  notificationsDue: number;
  backupRate: number | null;
  backupsScheduled: number;
  drillMedian: number | null;
  drills: number;
}

export interface KpiResult {
  /** First and last day of the period (UTC, inclusive), and when the figures were computed. */
  from: string;
  to: string;
  computedAt: string;
  /** Figures count events up to this moment: the period's end, or now when the period is not over. */
  asOf: string;
  filters: { severity: Severity[] | null; category: Category[] | null; includeExercises: boolean };
  /** Incidents detected in the period that match the filters (exercises left out unless included). */
  incidents: number;
  /** Exercises detected in the period that the filters left out (0 when included). */
  exercisesExcluded: number;
  /** With `includeExercises`: how many of `incidents` are exercises (0 otherwise). */
  exercisesIncluded: number;
  durations: DurationMetric[];
  notifications: NotificationKpis;
  backups: BackupKpis;
  drills: DrillKpis;
  runbooks: RunbookKpi[];
  security: SecurityKpis;
  /** The action items of the incidents in scope (null only in a headline-less computation). */
  actionItems: ActionItemKpis | null;
  actionItemsNote: string | null;
  dataProblems: DataProblem[];
  /** All data problems, also those past KPI_MAX_PROBLEMS. */
  dataProblemCount: number;
  /** The period just before, for trends (the calendar months before a whole-month range, else an equal length). */
  previous: KpiHeadline;
}
