import { useMemo, useState } from 'react';
import { CATEGORIES, kpiPeriodProblem, SEVERITIES, type ApiError, type Category, type Severity } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { formatDateTime } from '../../lib/formatDateTime';
import { humanize } from '../../lib/humanize';
import { describeRange, periodFor, type DayRange, type PeriodChoice } from '../../lib/kpiPeriods';
import { EmptyState } from '../common/EmptyState';
import { Icon } from '../common/Icon';
import { PeriodReportDialog } from '../reports/PeriodReportDialog';
import { ErrorBanner } from '../common/ErrorBanner';
import { Spinner } from '../common/Spinner';
import { BackupHealth } from './BackupHealth';
import { DataProblems } from './DataProblems';
import { DrillChart } from './DrillChart';
import { DurationsByMonth, DurationsBySeverity } from './DurationCharts';
import { KpiTiles } from './KpiTiles';
import { MoreKpis } from './MoreKpis';
import { NotificationChart } from './NotificationChart';

/** A refusal in the words of its issues ("… is not a calendar date"), without the API's "invalid input for kpis.get" frame. */
const readableError = (e: ApiError): string =>
  e.code === 'VALIDATION' && e.issues?.length ? e.issues.map((i) => i.replace(/^[\w.]+: /, '')).join(' ') : e.message;

const CHOICES: { value: PeriodChoice; label: string }[] = [
  { value: 'this-quarter', label: 'This quarter' },
  { value: 'previous-quarter', label: 'Previous quarter' },
  { value: 'this-year', label: 'This year' },
  { value: 'custom', label: 'Custom range' },
];

/** The KPI dashboard for managers and auditors (report:read): a period, filters, tiles with trends, charts, data problems. */
export function DashboardPage() {
  const client = useClient();
  const [choice, setChoice] = useState<PeriodChoice>('this-quarter');
  const [custom, setCustom] = useState<DayRange>(() => periodFor('this-quarter', new Date()));
  const [severity, setSeverity] = useState<Severity[]>([]);
  const [category, setCategory] = useState<Category | ''>('');
  const [includeExercises, setIncludeExercises] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);
  const range = useMemo(() => (choice === 'custom' ? custom : periodFor(choice, new Date())), [choice, custom]);
  // A custom range is checked here, by the rule the API applies, and refused next to the dates: it
  // is never sent, and never named in the heading as if it were a period.
  const rangeProblem = choice !== 'custom' ? null : !custom.from || !custom.to ? 'Give both dates.' : kpiPeriodProblem(custom.from, custom.to, { from: 'From', to: 'To' });
  const kpis = useApiResource(
    () => (rangeProblem ? Promise.resolve({ ok: false as const, error: { code: 'VALIDATION' as const, message: rangeProblem } }) : client.call('kpis.get', {
      from: range.from, to: range.to, includeExercises, ...(severity.length ? { severity } : {}), ...(category ? { category: [category] } : {}),
    })),
    [client, range.from, range.to, includeExercises, severity.join(','), category, rangeProblem],
  );
  const r = kpis.data;
  const filtered = r !== null && (r.filters.severity !== null || r.filters.category !== null);
  // No incident in the period (with these filters): the incident figures are an empty state, not a
  // row of dashes; backups and drills (every plan, whatever the filters) still show when there are any.
  const noIncidents = r !== null && r.incidents === 0;
  const noRecovery = r !== null && r.backups.plans.length === 0 && r.drills.points.length === 0;

  return (
    <div className="page dashboard">
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="page-sub">
            {rangeProblem
              ? 'Response times, notifications, backups and drills: fix the custom range below to see them.'
              : <>Response times, notifications, backups and drills for {describeRange(range)} ({range.from} to {range.to}, UTC), against {r ? `${describeRange(r.previous)} (${r.previous.from} to ${r.previous.to})` : 'the previous period'}. Definitions: docs/kpis.md.</>}
          </p>
        </div>
        <button type="button" className="btn btn-secondary" onClick={() => setReportOpen(true)} disabled={rangeProblem !== null} title={rangeProblem ?? `The report for ${describeRange(range)} with these filters`}>
          <Icon name="download" size={15} />
          Download period report…
        </button>
      </div>
      {reportOpen && !rangeProblem && (
        <PeriodReportDialog request={{ label: describeRange(range), from: range.from, to: range.to, severity, category, includeExercises }} onClose={() => setReportOpen(false)} />
      )}
      <form className="kpi-filters" aria-label="Period and filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field-inline">
          <span>Period</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value as PeriodChoice)} aria-label="Period">
            {CHOICES.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </label>
        {choice === 'custom' && (
          <>
            <label className="field-inline"><span>From</span><input type="date" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} aria-label="From" /></label>
            <label className="field-inline"><span>To</span><input type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} aria-label="To" aria-invalid={rangeProblem ? true : undefined} aria-describedby={rangeProblem ? 'kpi-range-problem' : undefined} /></label>
            {rangeProblem && <p id="kpi-range-problem" className="field-error kpi-range-problem" role="alert" data-testid="range-problem">{rangeProblem}</p>}
          </>
        )}
        <fieldset className="kpi-severity">
          <legend>Highest severity</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="check-inline">
              <input type="checkbox" checked={severity.includes(s)} onChange={() => setSeverity(severity.includes(s) ? severity.filter((x) => x !== s) : [...severity, s])} />
              {s}
            </label>
          ))}
        </fieldset>
        <label className="field-inline">
          <span>Category</span>
          <select value={category} onChange={(e) => setCategory(e.target.value as Category | '')} aria-label="Category">
            <option value="">All categories</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
          </select>
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={includeExercises} onChange={(e) => setIncludeExercises(e.target.checked)} />
          Include exercises
        </label>
      </form>
      {kpis.error && !rangeProblem && <ErrorBanner>{readableError(kpis.error)}</ErrorBanner>}
      {!r && kpis.loading && !kpis.error && <Spinner label="Computing the KPIs" />}
      {r && !rangeProblem && (
        <>
          <p className="kpi-scope" data-testid="kpi-scope">
            {r.incidents} {r.incidents === 1 ? 'incident' : 'incidents'} detected in the period
            {r.filters.includeExercises ? `, ${r.exercisesIncluded} of them ${r.exercisesIncluded === 1 ? 'an exercise' : 'exercises'}` : r.exercisesExcluded > 0 ? ` (${r.exercisesExcluded} ${r.exercisesExcluded === 1 ? 'exercise' : 'exercises'} left out)` : ''}
            {r.filters.severity ? `, highest severity ${r.filters.severity.join(', ')}` : ''}{r.filters.category ? `, ${r.filters.category.map(humanize).join(', ')}` : ''}
            . Figures as of {formatDateTime(r.asOf)}.{kpis.loading ? ' Updating…' : ''}
          </p>
          {r.filters.includeExercises && <p className="kpi-exercise-note" role="note">Exercises are included: these figures mix drills and tabletops with real incidents.</p>}
          {noIncidents ? (
            <>
              <EmptyState icon="activity" title={`Nothing to measure for ${describeRange(range)}${filtered ? ' with these filters' : ''}`}>
                No incident was detected in this period{filtered ? ' that matches the filters' : ''}{r.exercisesExcluded > 0 ? ` (${r.exercisesExcluded} ${r.exercisesExcluded === 1 ? 'exercise is' : 'exercises are'} left out — tick “Include exercises” to see ${r.exercisesExcluded === 1 ? 'it' : 'them'})` : ''}, so there are no response times or notices to measure. Pick another period or widen the filters; incidents count in the period they were detected in.
                {noRecovery ? ' There is no backup plan or drill in this period either.' : ' Backups and drills below are of all plans (filters apply to incidents only).'}
              </EmptyState>
              {!noRecovery && (
                <>
                  <KpiTiles result={r} recoveryOnly />
                  <div className="kpi-charts">
                    <BackupHealth b={r.backups} periodStart={`${r.from}T00:00:00.000Z`} />
                    <DrillChart d={r.drills} />
                  </div>
                </>
              )}
            </>
          ) : (
            <>
              <KpiTiles result={r} />
              <DataProblems problems={r.dataProblems} total={r.dataProblemCount} />
              <div className="kpi-charts">
                <DurationsByMonth durations={r.durations} />
                <DurationsBySeverity durations={r.durations} />
                <NotificationChart n={r.notifications} />
                <BackupHealth b={r.backups} periodStart={`${r.from}T00:00:00.000Z`} />
                <DrillChart d={r.drills} />
              </div>
              <MoreKpis result={r} />
            </>
          )}
        </>
      )}
    </div>
  );
}
