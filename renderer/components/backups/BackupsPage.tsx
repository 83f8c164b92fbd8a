import { useEffect, useMemo, useRef, useState } from 'react';
import type { BackupCheck, BackupPlan, BackupSummary } from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useBackupSchedule } from '../../hooks/useBackupSchedule';
import { useClient } from '../../hooks/useClient';
import { useNow } from '../../hooks/useNow';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { describeError } from '../../lib/describeError';
import { formatBytes } from '../../lib/formatBytes';
import { formatCount } from '../../lib/formatCount';
import { scheduleProblems } from '../../lib/scheduleProblems';
import { EmptyState } from '../common/EmptyState';
import { ErrorBanner } from '../common/ErrorBanner';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { AddPlanDialog } from './AddPlanDialog';
import { ApprovePlanDialog } from './ApprovePlanDialog';
import { BackupList } from './BackupList';
import { ExportIdentityDialog } from './ExportIdentityDialog';
import { PlanCard, type PlanPermissions } from './PlanCard';
import { PlanRecipientsDialog } from './PlanRecipientsDialog';
import { PruneDialog } from './PruneDialog';
import { RemovePlanDialog } from './RemovePlanDialog';
import { ScheduleStatusBar } from './ScheduleStatusBar';
import type { RunState } from './types';

type Dialog = { kind: 'add' } | { kind: 'identity' } | { kind: 'remove'; plan: BackupPlan } | { kind: 'prune'; plan: BackupPlan }
  | { kind: 'approve'; plan: BackupPlan } | { kind: 'recipients'; plan: BackupPlan } | null;

const EMPTY: BackupSummary[] = [];

/**
 * Backup plans and their backups: add and remove plans, run one now with live progress, verify,
 * drill against the RTO/RPO, restore, prune by retention. Controls exist only for the
 * permissions the session has (backup:manage, backup:run, backup:restore, backup:export-identity,
 * and the administrator's backup:include-database, backup:recipients, backup:restore-database).
 * Plans waiting for an administrator's review are named at the top, for everyone who sees them.
 */
export function BackupsPage() {
  const client = useClient();
  const toasts = useToasts();
  const can: PlanPermissions = {
    canManage: useCan('backup:manage'),
    canRun: useCan('backup:run'),
    canRestore: useCan('backup:restore'),
    canRestoreDatabase: useCan('backup:restore-database'),
    canApprove: useCan('backup:include-database'),
    canSetRecipients: useCan('backup:recipients'),
  };
  const canExport = useCan('backup:export-identity');
  const plans = useApiResource(() => client.call('backups.plans.list', {}), [client]);
  const backups = useApiResource(() => client.call('backups.list', {}), [client]);
  const [runs, setRuns] = useState<Record<string, RunState>>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const schedule = useBackupSchedule(true);
  const problems = useMemo(() => scheduleProblems(schedule), [schedule]);
  // Re-renders every 30 s for the ages; read at render so a backup made since is never "in 2 s".
  useNow(30_000);
  const now = Date.now();

  const reloadAll = (): void => {
    void plans.reload();
    void backups.reload();
  };

  // Progress of runs started here (the backend pushes it to this connection only), and of the
  // app's scheduled runs (pushed to everyone who may read backups). An event that arrives after
  // the run returned still belongs to it, so it is kept.
  usePush('backup.progress', (progress) => {
    setRuns((all) => {
      const run = all[progress.plan] ?? { status: 'running', progress: null, backup: null, error: null, scheduled: true };
      return { ...all, [progress.plan]: { ...run, progress } };
    });
  });
  // A scheduled run ends when the scheduler says so (nobody here awaits its backups.run).
  useEffect(() => {
    if (!schedule) return;
    setRuns((all) => {
      let next = all;
      for (const p of schedule.plans) {
        const run = all[p.plan];
        if (!run?.scheduled || run.status !== 'running' || p.running) continue;
        const error = p.lastResult === 'failed' ? { code: 'INTERNAL' as const, message: p.lastError ?? 'the scheduled backup failed' } : null;
        next = { ...next, [p.plan]: { ...run, status: error ? 'failed' : 'done', error } };
      }
      return next;
    });
  }, [schedule]);

  // Anyone's backup work (a scheduled run, another operator's drill) shows up without a reload.
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  usePush('timeline.appended', (event) => {
    if (!event.type.startsWith('backup.')) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(reloadAll, 200);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const runPlan = async (name: string): Promise<void> => {
    setRuns((all) => ({ ...all, [name]: { status: 'running', progress: null, backup: null, error: null } }));
    const result = await client.call('backups.run', { name });
    setRuns((all) => {
      const run = all[name] ?? { status: 'running', progress: null, backup: null, error: null };
      return { ...all, [name]: result.ok ? { ...run, status: 'done', backup: result.value } : { ...run, status: 'failed', error: result.error } };
    });
    if (result.ok) {
      toasts.show('success', `Backup of ${name} complete`, `${formatCount(result.value.files)} files, ${formatBytes(result.value.bytes)}: ${result.value.id}`);
    } else {
      toasts.show('error', `Backup of ${name} failed`, describeError(result.error));
    }
    void backups.reload();
  };

  // A check is a new record: the backups (their latest checks) and the plan's drills reload.
  const onChecked = (_check: BackupCheck): void => {
    void backups.reload();
  };

  const planList = plans.data ?? [];
  const all = backups.data ?? EMPTY;
  const byPlan = useMemo(() => {
    const map = new Map<string, BackupSummary[]>();
    for (const b of all) map.set(b.plan, [...(map.get(b.plan) ?? []), b]);
    return map;
  }, [all]);
  const known = new Set(planList.map((p) => p.name));
  const orphans = all.filter((b) => !known.has(b.plan));
  const loading = (!plans.data && plans.loading) || (!backups.data && backups.loading);
  const error = plans.error ?? backups.error;
  const waiting = planList.filter((p) => p.review !== null);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Backups</h1>
          <p className="page-sub">Encrypted backups of your files and of Firebreak itself, checked, drilled against each plan's RTO and RPO, and restorable without Firebreak.</p>
        </div>
        <div className="button-row">
          {canExport && (
            <button type="button" className="btn btn-secondary" onClick={() => setDialog({ kind: 'identity' })}>
              <Icon name="key" size={15} />
              Export identity…
            </button>
          )}
          {can.canManage && (
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })}>
              <Icon name="plus" size={15} />
              Add plan
            </button>
          )}
        </div>
      </div>
      {error && <ErrorBanner>{describeError(error)}</ErrorBanner>}
      <ScheduleStatusBar status={schedule} problems={problems} />
      {waiting.length > 0 && (
        <ErrorBanner tone="warning">
          <span data-testid="plans-waiting">
            {waiting.length === 1 ? 'The plan' : `${waiting.length} plans`} {waiting.map((p, i) => <span key={p.name}>{i > 0 && ', '}<code>{p.name}</code></span>)}{' '}
            {waiting.length === 1 ? 'waits' : 'wait'} for an administrator's review: {waiting.length === 1 ? 'it holds' : 'they hold'} Firebreak's database or
            extra recipients that no administrator decided.{can.canApprove ? ' Decide below.' : ' An administrator decides.'}
          </span>
        </ErrorBanner>
      )}
      {loading && <Spinner label="Loading backup plans" />}
      {plans.data && backups.data && planList.length === 0 && orphans.length === 0 && (
        <EmptyState icon="database" title="No backup plans yet"
          action={can.canManage ? <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'add' })}>Add plan</button> : undefined}>
          A plan says what to back up, where to, how often, how long to keep it, and how fast a restore must be.
        </EmptyState>
      )}
      {planList.map((plan) => (
        <PlanCard
          key={plan.name}
          plan={plan}
          backups={byPlan.get(plan.name) ?? EMPTY}
          run={runs[plan.name]}
          scheduled={schedule?.plans.find((p) => p.plan === plan.name) ?? null}
          can={can}
          now={now}
          onRun={() => void runPlan(plan.name)}
          onDismissRun={() => setRuns(({ [plan.name]: _gone, ...rest }) => rest)}
          onChecked={onChecked}
          onPrune={() => setDialog({ kind: 'prune', plan })}
          onRemove={() => setDialog({ kind: 'remove', plan })}
          onApprove={() => setDialog({ kind: 'approve', plan })}
          onRecipients={() => setDialog({ kind: 'recipients', plan })}
        />
      ))}
      {orphans.length > 0 && (
        <section className="card" aria-labelledby="orphan-backups">
          <div className="card-header">
            <h2 id="orphan-backups">Backups of removed plans</h2>
            <span className="muted small">Still on disk; restore and check them here.</span>
          </div>
          <div className="card-body">
            <BackupList
              backups={orphans} plan={null} canRun={can.canRun} canRestore={can.canRestore} canRestoreDatabase={can.canRestoreDatabase}
              now={now} onChecked={onChecked} label="Backups of removed plans"
            />
          </div>
        </section>
      )}

      {dialog?.kind === 'add' && (
        <AddPlanDialog
          onClose={() => setDialog(null)}
          onAdded={(plan) => {
            setDialog(null);
            toasts.show('success', `Plan ${plan.name} added`, plan.schedule === null ? 'Runs on demand only.' : `Runs ${plan.scheduleText ?? plan.schedule}.`);
            reloadAll();
          }}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemovePlanDialog
          plan={dialog.plan}
          backups={byPlan.get(dialog.plan.name)?.length ?? 0}
          onClose={() => setDialog(null)}
          onRemoved={() => {
            toasts.show('success', `Plan ${dialog.plan.name} removed`, 'Its backups stay on disk.');
            setDialog(null);
            reloadAll();
          }}
        />
      )}
      {dialog?.kind === 'prune' && (
        <PruneDialog
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          onPruned={(report) => {
            setDialog(null);
            toasts.show('success', `Pruned ${report.removed.length} ${report.removed.length === 1 ? 'backup' : 'backups'} of ${report.plan}`, `${report.kept.length} kept.`);
            void backups.reload();
          }}
        />
      )}
      {dialog?.kind === 'identity' && <ExportIdentityDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'approve' && (
        <ApprovePlanDialog
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          onApproved={(plan) => {
            setDialog(null);
            toasts.show('success', `Plan ${plan.name} approved`, 'Your decision and note are in the audit log.');
            void plans.reload();
          }}
        />
      )}
      {dialog?.kind === 'recipients' && (
        <PlanRecipientsDialog
          plan={dialog.plan}
          onClose={() => setDialog(null)}
          onChanged={(plan) => {
            setDialog(null);
            toasts.show('success', `Recipients of ${plan.name} changed`, plan.recipients.length === 0 ? "Only the vault's backup identity from now on." : `${plan.recipients.length} extra from now on.`);
            void plans.reload();
          }}
        />
      )}
    </div>
  );
}
