import type { DurationMetric, KpiResult } from '../../../contract';
import { formatPercent, formatSpan } from '../../lib/formatSpan';
import { kpiTrend } from '../../lib/kpiTrend';
import { KpiTile } from './KpiTile';

const TILE_DURATIONS = ['timeToDetect', 'timeToTriage', 'timeToContain', 'timeToRecover', 'timeToClose'];

function durationTile(d: DurationMetric, r: KpiResult) {
  const s = d.overall;
  const before = r.previous.durations.find((p) => p.id === d.id);
  const coverage = s.coverage === null ? null : Math.round(s.coverage * 100);
  const unknown = s.missing + s.outOfOrder;
  const warning = s.inScope === 0
    ? null
    : s.n === 0
      ? `No incident has both times: nothing to measure (${s.missing} without a time${s.outOfOrder ? `, ${s.outOfOrder} out of order` : ''})`
      : coverage !== null && coverage < 100
        ? `Coverage ${coverage}%: ${unknown} of ${s.inScope} ${s.inScope === 1 ? 'incident' : 'incidents'} not measured (${s.missing} without a time${s.outOfOrder ? `, ${s.outOfOrder} out of order` : ''})`
        : null;
  return (
    <KpiTile
      key={d.id}
      id={d.id}
      label={`${d.label} (median)`}
      value={s.n === 0 ? '—' : formatSpan(s.median)}
      detail={s.n === 0 ? undefined : s.n === 1 ? 'the time of a single incident' : `p90 ${formatSpan(s.p90)} · mean ${formatSpan(s.mean)}`}
      basis={<>n = {s.n} of {s.inScope} · coverage {coverage === null ? '—' : `${coverage}%`}</>}
      warning={warning}
      trend={kpiTrend(s.n === 0 ? null : s.median, before && before.n > 0 ? before.median : null, 'duration', {
        now: { n: s.n, coverage: s.coverage }, before: { n: before?.n ?? 0, coverage: before?.coverage ?? null },
      })}
    />
  );
}

/** Drills done for exercise incidents follow the exercises box, and the tile says how many. */
const exerciseDrills = (n: number, included: boolean): string =>
  n === 0 ? '' : ` · ${n} ${n === 1 ? 'drill' : 'drills'} for exercises ${included ? 'included' : 'left out'}`;

/** Backups and drills are of every plan: the incident filters (severity, category, exercises) do not narrow them. */
const ALL_PLANS = 'all plans (filters apply to incidents only)';

/**
 * The headline figures: response times, notifications on time, backups verified, drills. With
 * `recoveryOnly` just the backup and drill tiles (no incident in the period: nothing else to show).
 */
export function KpiTiles({ result, recoveryOnly = false }: { result: KpiResult; recoveryOnly?: boolean }) {
  const n = result.notifications;
  const b = result.backups;
  const d = result.drills;
  return (
    <div className="kpi-tiles">
      {!recoveryOnly && result.durations.filter((x) => TILE_DURATIONS.includes(x.id)).map((x) => durationTile(x, result))}
      {!recoveryOnly && <KpiTile
        id="notifications"
        label="Notifications on time"
        value={formatPercent(n.rate)}
        detail={n.due === 0 ? 'no notice was due' : `${n.onTime} of ${n.due} on time · ${n.sentLate} late · ${n.unsentPastDue} not sent · margin median ${formatSpan(n.margin.median)}`}
        basis={<>n = {n.due} {n.due === 1 ? 'notice' : 'notices'} due or sent</>}
        warning={n.openOverdue > 0 ? `${n.openOverdue} ${n.openOverdue === 1 ? 'obligation is' : 'obligations are'} overdue now` : null}
        trend={kpiTrend(n.rate, result.previous.notificationRate, 'rate', { now: { n: n.due }, before: { n: result.previous.notificationsDue }, things: 'notices' })}
      />}
      <KpiTile
        id="backups"
        label="Backups completed and verified"
        value={formatPercent(b.rate)}
        detail={b.scheduled === 0 ? 'no scheduled run in the period' : `${b.succeeded} of ${b.scheduled} scheduled runs · ${b.unverified} unverified · ${b.failed} failed · ${b.missed} missed`}
        basis={<>n = {b.scheduled} scheduled {b.scheduled === 1 ? 'run' : 'runs'} · {ALL_PLANS}</>}
        warning={b.missed + b.failed > 0 ? `${b.missed + b.failed} scheduled ${b.missed + b.failed === 1 ? 'run' : 'runs'} missed or failed` : null}
        trend={kpiTrend(b.rate, result.previous.backupRate, 'rate', { now: { n: b.scheduled }, before: { n: result.previous.backupsScheduled }, things: 'scheduled runs' })}
      />
      <KpiTile
        id="drills"
        label="Drill restore time (median)"
        value={d.restore.n === 0 ? '—' : formatSpan(d.restore.median)}
        detail={`${d.restore.n === 0 ? 'no drill in the period' : `${d.withinRto} within RTO · ${d.overRto} over RTO or failed${d.noRto ? ` · ${d.noRto} without RTO` : ''}`}${exerciseDrills(d.exercises, result.filters.includeExercises)}`}
        basis={<>n = {d.restore.n} {d.restore.n === 1 ? 'drill' : 'drills'} · {ALL_PLANS}</>}
        warning={d.overRto > 0 ? `${d.overRto} ${d.overRto === 1 ? 'drill' : 'drills'} over the RTO or failed` : null}
        trend={kpiTrend(d.restore.n === 0 ? null : d.restore.median, result.previous.drillMedian, 'duration', { now: { n: d.restore.n }, before: { n: result.previous.drills }, things: 'drills' })}
      />
    </div>
  );
}
