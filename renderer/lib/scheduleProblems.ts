import type { BackupScheduleStatus } from '../../contract';
import { formatDateTime } from './formatDateTime';

export interface ScheduleProblem {
  plan: string;
  task: 'backup' | 'verify';
  /** A verification that found a backup damaged (not merely one that could not run). */
  damaged: boolean;
  text: string;
}

/**
 * What the scheduler reports as wrong, one line per plan and task, for the Backups screen's
 * banners and the side nav's count: a scheduled backup that failed (with its retry, if one is
 * pending), a verification that could not run, and above all one that found damage.
 */
export function scheduleProblems(status: BackupScheduleStatus | null): ScheduleProblem[] {
  if (!status) return [];
  const problems: ScheduleProblem[] = [];
  for (const p of status.plans) {
    if (p.lastResult === 'failed' && !p.running) {
      const times = p.failures === 1 ? 'failed' : `failed ${p.failures} times in a row`;
      const next = p.retryAt !== null ? ` Retrying at ${formatDateTime(p.retryAt)}.` : p.nextRunAt !== null ? ` Gave up until the next scheduled run, ${formatDateTime(p.nextRunAt)}.` : '';
      problems.push({ plan: p.plan, task: 'backup', damaged: false, text: `Scheduled backup of ${p.plan} ${times}: ${p.lastError ?? 'unknown error'}.${next}` });
    }
    const v = p.verify;
    if (v && v.lastResult === 'failed' && !v.running) {
      const damaged = v.problems.length > 0;
      const text = damaged
        ? `Scheduled ${v.level} verification found backup ${v.lastBackupId ?? '?'} of ${p.plan} damaged (${v.problems.length} ${v.problems.length === 1 ? 'problem' : 'problems'}): ${v.problems[0] ?? ''}`
        : `Scheduled verification of ${p.plan} could not run: ${v.lastError ?? 'unknown error'}.${v.retryAt !== null ? ` Retrying at ${formatDateTime(v.retryAt)}.` : ''}`;
      problems.push({ plan: p.plan, task: 'verify', damaged, text });
    }
  }
  // Damage first: it is the one that means a restore may not work.
  return problems.sort((a, b) => Number(b.damaged) - Number(a.damaged));
}
