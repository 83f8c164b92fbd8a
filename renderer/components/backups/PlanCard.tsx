import type { BackupCheck, BackupPlan, BackupSummary, PlanRunStatus } from '../../../contract';
import { usePlanDrills } from '../../hooks/usePlanDrills';
import { describeError } from '../../lib/describeError';
import { formatDateTime } from '../../lib/formatDateTime';
import { formatMinutes } from '../../lib/formatMinutes';
import { formatRelative } from '../../lib/formatRelative';
import { formatRetention } from '../../lib/formatRetention';
import { latestChecksOf } from '../../lib/latestChecksOf';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { BackupList } from './BackupList';
import { DrillTrend } from './DrillTrend';
import { LatestChecks } from './LatestChecks';
import { RunProgress } from './RunProgress';
import type { RunState } from './types';

export interface PlanPermissions {
  canManage: boolean;
  canRun: boolean;
  canRestore: boolean;
  /** backup:restore-database: restore Firebreak's database out of a backup. */
  canRestoreDatabase: boolean;
  /** backup:include-database: approve a plan waiting for review. */
  canApprove: boolean;
  /** backup:recipients: change a plan's extra recipients. */
  canSetRecipients: boolean;
}

/** One backup plan: what, where, when, how long, its objectives; Run now with live progress; its backups and drills. */
export function PlanCard({
  plan, backups, run, scheduled, can, now, onRun, onDismissRun, onChecked, onPrune, onRemove, onApprove, onRecipients,
}: {
  plan: BackupPlan;
  /** This plan's backups, newest first. */
  backups: BackupSummary[];
  run: RunState | undefined;
  /** The scheduler's view of this plan (next run, last result, verification); null when nothing schedules it. */
  scheduled: PlanRunStatus | null;
  can: PlanPermissions;
  now: number;
  onRun: () => void;
  onDismissRun: () => void;
  onChecked: (check: BackupCheck) => void;
  onPrune: () => void;
  onRemove: () => void;
  onApprove: () => void;
  onRecipients: () => void;
}) {
  const headingId = `plan-${plan.name}`;
  const last = backups[0] ?? null;
  const latest = latestChecksOf(backups);
  const drills = usePlanDrills(plan.name, backups);
  const running = run?.status === 'running';

  return (
    <section className="card backup-plan" aria-labelledby={headingId} data-plan={plan.name}>
      <div className="card-header">
        <div className="backup-plan-title">
          <Icon name="database" />
          <h2 id={headingId} className="mono">{plan.name}</h2>
          {plan.review && <span className="badge badge-failed">Review needed</span>}
          <span className="muted small">by {plan.createdBy}, {formatDateTime(plan.createdAt)}</span>
        </div>
        <div className="button-row">
          {can.canRun && (
            <button
              type="button" className="btn btn-primary btn-sm" onClick={onRun} disabled={running || plan.review?.blocksRuns === true}
              title={plan.review?.blocksRuns ? 'Refused until an administrator reviews the plan' : undefined}
            >
              <Icon name="play" size={14} />
              {running ? 'Running…' : 'Run now'}
            </button>
          )}
          {can.canManage && (
            <>
              <button type="button" className="btn btn-secondary btn-sm" onClick={onPrune} disabled={running}>
                <Icon name="trash" size={14} />
                Prune…
              </button>
              <button type="button" className="btn btn-ghost btn-sm" onClick={onRemove} disabled={running}>
                Remove…
              </button>
            </>
          )}
        </div>
      </div>
      <div className="card-body backup-plan-body">
        {plan.review && (
          <div className="plan-review" data-testid="plan-review">
            <ErrorBanner tone="warning">
              <p>
                <strong>Waiting for an administrator's review</strong> since {formatDateTime(plan.review.since)}
                {plan.review.blocksRuns ? ': its runs are refused until then.' : ': it keeps running as before until then.'}
              </p>
              <ul className="problem-list" aria-label={`Why ${plan.name} waits for review`}>
                {plan.review.reasons.map((r) => <li key={r}>{r}</li>)}
              </ul>
              {can.canApprove || can.canSetRecipients ? (
                <span className="button-row">
                  {can.canApprove && <button type="button" className="btn btn-primary btn-sm" onClick={onApprove}>Approve as it is…</button>}
                  {can.canSetRecipients && <button type="button" className="btn btn-secondary btn-sm" onClick={onRecipients}>Change recipients…</button>}
                  {can.canManage && <button type="button" className="btn btn-ghost btn-sm" onClick={onRemove}>Remove plan…</button>}
                </span>
              ) : (
                <p className="small">An administrator decides: approve it as it is, change its recipients, or remove it.</p>
              )}
            </ErrorBanner>
          </div>
        )}
        <dl className="facts facts-3 plan-facts">
          <div className="fact">
            <dt>Sources</dt>
            <dd>
              <ul className="plain-list">
                {plan.sources.map((s) => <li key={s}><code>{s}</code></li>)}
                {plan.includeDatabase && (
                  <li>
                    Firebreak database and vault.json
                    {plan.databaseDecision && <span className="muted small"> · decided by {plan.databaseDecision.by}</span>}
                  </li>
                )}
              </ul>
              {plan.exclude.length > 0 && <span className="muted small">Excluding {plan.exclude.map((x, i) => <span key={x}>{i > 0 && ', '}<code>{x}</code></span>)}</span>}
            </dd>
          </div>
          <div className="fact">
            <dt>Target</dt>
            <dd data-testid="plan-target">
              <code>{plan.target}</code>
              {plan.recipients.length > 0 && (
                <span className="muted small">
                  {' '}· also encrypted to {plan.recipients.length} extra {plan.recipients.length === 1 ? 'key' : 'keys'}
                  {plan.recipientsDecision ? `, set by ${plan.recipientsDecision.by}` : ', set before recipients were an administrator decision'}
                </span>
              )}
              {can.canSetRecipients && !plan.review && (
                <button type="button" className="btn btn-ghost btn-sm" onClick={onRecipients}>Change recipients…</button>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>Schedule</dt>
            <dd data-testid="plan-schedule">
              {plan.schedule === null ? 'On demand only' : <>{plan.scheduleText ?? plan.schedule} <code className="muted small">{plan.schedule}</code></>}
              <span className="muted small"> · full every {plan.fullEvery === 1 ? 'run' : `${plan.fullEvery} runs`}</span>
              {scheduled?.nextRunAt && <span className="muted small" data-testid="plan-next-run"><br />Next run {formatDateTime(scheduled.nextRunAt)}</span>}
              {scheduled?.retryAt && <span className="small" data-testid="plan-retry"><br />Retry at {formatDateTime(scheduled.retryAt)} after {scheduled.failures} failed {scheduled.failures === 1 ? 'attempt' : 'attempts'}</span>}
            </dd>
          </div>
          <div className="fact">
            <dt>Scheduled verification</dt>
            <dd data-testid="plan-verification">
              {plan.verifySchedule === null ? (
                <span className="muted">Not scheduled</span>
              ) : (
                <>
                  {plan.verifyLevel === 'full' ? 'Full' : 'Quick'}, {plan.verifyScheduleText ?? plan.verifySchedule}
                  {scheduled?.verify && <VerifyState verify={scheduled.verify} />}
                </>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>Retention</dt>
            <dd>{formatRetention(plan.retention)}</dd>
          </div>
          <div className="fact">
            <dt>RTO / RPO</dt>
            <dd data-testid="plan-objectives">
              {plan.rtoMinutes === null ? 'no RTO' : `RTO ${formatMinutes(plan.rtoMinutes)}`} / {plan.rpoMinutes === null ? 'no RPO' : `RPO ${formatMinutes(plan.rpoMinutes)}`}
            </dd>
          </div>
          <div className="fact">
            <dt>Last backup</dt>
            <dd data-testid="plan-last-backup">
              {last ? (
                <>
                  <time dateTime={last.finishedAt} title={formatDateTime(last.finishedAt, true)}>{formatRelative(last.finishedAt, now)}</time>
                  <span className="muted small"> · {last.kind}, {formatDateTime(last.finishedAt)}</span>
                </>
              ) : (
                <span className="muted">None yet</span>
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>Latest checks</dt>
            <dd data-testid="plan-latest-checks">
              <LatestChecks checks={latest} rpoMinutes={plan.rpoMinutes} now={now} withBackup label={`Latest checks of ${plan.name}`} />
            </dd>
          </div>
        </dl>

        {run && <RunProgress plan={plan.name} run={run} onDismiss={onDismissRun} />}

        <h3 className="section-label">Backups</h3>
        <BackupList
          backups={backups}
          plan={plan}
          canRun={can.canRun}
          canRestore={can.canRestore}
          canRestoreDatabase={can.canRestoreDatabase}
          now={now}
          onChecked={onChecked}
          label={`Backups of ${plan.name}`}
        />

        <h3 className="section-label">Drill restore times</h3>
        {drills.error ? (
          <p className="small objective-missed" role="alert">The drills of {plan.name} could not be loaded: {describeError(drills.error)}</p>
        ) : drills.data === null ? (
          <p className="muted small">Loading the drills…</p>
        ) : (
          <DrillTrend plan={plan.name} checks={drills.data} rtoMinutes={plan.rtoMinutes} />
        )}
      </div>
    </section>
  );
}

function VerifyState({ verify }: { verify: NonNullable<PlanRunStatus['verify']> }) {
  if (verify.running) return <span className="muted small"><br />Verifying now…</span>;
  const next = verify.nextRunAt ? ` · next ${formatDateTime(verify.nextRunAt)}` : '';
  if (verify.lastResult === 'failed') {
    return (
      <span className="small">
        <br /><span className="badge badge-failed">{verify.problems.length > 0 ? 'damage found' : 'could not run'}</span> {formatDateTime(verify.lastRunAt)}{next}
      </span>
    );
  }
  if (verify.lastResult === 'ok') return <span className="muted small"><br />Last passed {formatDateTime(verify.lastRunAt)}{next}</span>;
  return <span className="muted small"><br />Not run yet{next}</span>;
}
