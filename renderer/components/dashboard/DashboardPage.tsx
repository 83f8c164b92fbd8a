import { useMemo, useState } from 'react';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../../contract';
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
  const rangeProblem = choice === 'custom' && (!custom.from || !custom.to) ? 'Give both dates.' : choice === 'custom' && custom.from > custom.to ? 'The range ends before it starts: pick a "to" date on or after "from".' : null;
  const kpis = useApiResource(
    () => (rangeProblem ? Promise.resolve({ ok: false as const, error: { code: 'VALIDATION' as const, message: rangeProblem } }) : client.call('kpis.get', {
      from: range.from, to: range.to, includeExercises, ...(severity.length ? { severity } : {}), ...(category ? { category: [category] } : {}),
    })),
    [client, range.from, range.to, includeExercises, severity.join(','), category, rangeProblem],
  );
  const r = kpis.data;
  const nothing = r !== null && r.incidents === 0 && r.backups.plans.length === 0 && r.drills.points.length === 0 && r.notifications.due === 0;

  return (
    <div className="page dashboard">
      <div className="page-header">
        <div>
          <h1>Dashboard</h1>
          <p className="page-sub">Response times, notifications, backups and drills for {describeRange(range)} ({range.from} to {range.to}, UTC), against the {r ? `${r.previous.from} – ${r.previous.to}` : 'previous period'}. Definitions: docs/kpis.md.</p>
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
            <label className="field-inline"><span>To</span><input type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} aria-label="To" /></label>
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
      {kpis.error && <ErrorBanner>{kpis.error.message}</ErrorBanner>}
      {!r && kpis.loading && !kpis.error && <Spinner label="Computing the KPIs" />}
      {r && (
        <>
          <p className="kpi-scope" data-testid="kpi-scope">
            {r.incidents} {r.incidents === 1 ? 'incident' : 'incidents'} detected in the period
            {r.filters.includeExercises ? ', exercises included' : r.exercisesExcluded > 0 ? ` (${r.exercisesExcluded} ${r.exercisesExcluded === 1 ? 'exercise' : 'exercises'} left out)` : ''}
            {r.filters.severity ? `, highest severity ${r.filters.severity.join(', ')}` : ''}{r.filters.category ? `, ${r.filters.category.map(humanize).join(', ')}` : ''}
            . Figures as of {formatDateTime(r.asOf)}.{kpis.loading ? ' Updating…' : ''}
          </p>
          {r.filters.includeExercises && <p className="kpi-exercise-note" role="note">Exercises are included: these figures mix drills and tabletops with real incidents.</p>}
          {nothing ? (
            <EmptyState icon="activity" title={`Nothing to measure for ${describeRange(range)}`}>
              No incident was detected in this period{r.exercisesExcluded > 0 ? ` (${r.exercisesExcluded} exercises are left out — tick “Include exercises” to see them)` : ''}, and there is no backup plan or drill. Pick another period or widen the filters; incidents count in the period they were detected in.
            </EmptyState>
          ) : (
            <>
              <KpiTiles result={r} />
              <DataProblems problems={r.dataProblems} total={r.dataProblemCount} />
              <div className="kpi-charts">
                <DurationsByMonth durations={r.durations} />
                <DurationsBySeverity durations={r.durations} />
                <NotificationChart n={r.notifications} />
                <BackupHealth b={r.backups} />
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
