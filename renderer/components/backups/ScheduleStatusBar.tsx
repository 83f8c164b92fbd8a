import type { BackupScheduleStatus } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';
import type { ScheduleProblem } from '../../lib/scheduleProblems';
import { ErrorBanner } from '../common/ErrorBanner';

/**
 * Who runs the plans' schedules (this app for a signed-in user, a daemon, or nobody) and every
 * problem the scheduler has: failed scheduled backups, and verifications that failed or found damage.
 */
export function ScheduleStatusBar({ status, problems }: { status: BackupScheduleStatus | null; problems: ScheduleProblem[] }) {
  if (!status) return null;
  const scheduled = status.plans.some((p) => p.schedule !== null || p.verify !== null);
  const runner = status.runner;
  return (
    <div className="schedule-status" data-testid="schedule-status">
      {problems.map((p) => (
        <ErrorBanner key={`${p.plan}-${p.task}`} tone={p.damaged || p.task === 'backup' ? 'error' : 'warning'}>{p.text}</ErrorBanner>
      ))}
      <p className="muted small" data-testid="schedule-runner">
        {runner?.kind === 'app' && <>Schedules run in this app for <strong>{runner.user}</strong> while they stay signed in (since {formatDateTime(runner.since)}).{!scheduled && ' No plan has a schedule yet.'}</>}
        {runner?.kind === 'daemon' && <>Schedules run in the backup daemon (process {runner.pid}, user <strong>{runner.user}</strong>, last update {formatDateTime(runner.updatedAt)}).</>}
        {runner === null && <>Scheduled runs are waiting: {status.note ?? 'nothing runs them now'}.</>}
      </p>
    </div>
  );
}
