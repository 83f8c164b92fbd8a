import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackupCheck } from '../../contract';
import { appendEvent } from '../timeline';
import { getBackup, recordCheck } from './backupStore';
import { listPlans } from './planStore';
import { restoreBackup } from './restoreBackup';
import type { CheckScope } from './verifyBackup';

/**
 * A restore drill: the whole backup restored into a scratch directory with every file checked
 * against the manifest, the wall-clock time measured against the plan's RTO, and the backup's
 * age at the drill (what would be lost, the RPO) against the plan's RPO. Recorded as a check
 * and an event; the scratch copy is removed.
 *
 * A backup that holds Firebreak's database is drilled whole, also by roles without
 * backup:restore-database (docs/security.md): the scratch directory is mkdtemp's (0700, only
 * Firebreak's own OS account enters it, which reads the data directory anyway), nothing of its
 * content leaves through the API, and it is removed even when the drill fails.
 */
export async function drillBackup(scope: CheckScope, id: string, opts: { scratchDir?: string } = {}): Promise<BackupCheck> {
  const backup = getBackup(scope.db, id);
  // The plan may have been removed since; its backups can still be drilled, without targets.
  const plan = listPlans(scope.db).find((p) => p.name === backup.plan) ?? { name: backup.plan, rtoMinutes: null, rpoMinutes: null };
  const scratch = mkdtempSync(join(opts.scratchDir ?? tmpdir(), 'firebreak-drill-'));
  const problems: string[] = [];
  let files = 0;
  let bytes = 0;
  const started = performance.now();
  try {
    const report = await restoreBackup(scope, id, { to: scratch, drill: true });
    files = report.files;
    bytes = report.bytes;
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const restoreSeconds = (performance.now() - started) / 1000;
  const at = scope.now();
  const rpoSeconds = Math.max(0, (Date.parse(at) - Date.parse(backup.startedAt)) / 1000);
  const rtoSeconds = plan.rtoMinutes === null ? null : plan.rtoMinutes * 60;
  if (rtoSeconds !== null && restoreSeconds > rtoSeconds) problems.push(`restore took ${restoreSeconds.toFixed(1)} s, over the RTO of ${rtoSeconds} s`);
  if (plan.rpoMinutes !== null && rpoSeconds > plan.rpoMinutes * 60) problems.push(`the backup is ${Math.round(rpoSeconds / 60)} min old, over the RPO of ${plan.rpoMinutes} min`);
  const check: BackupCheck = { backupId: id, level: 'drill', at, ok: problems.length === 0, problems, files, bytes, restoreSeconds, rtoSeconds, rpoSeconds };
  scope.db.transaction(() => {
    recordCheck(scope.db, check);
    appendEvent(scope.db, {
      actor: scope.actor, type: check.ok ? 'backup.drill_passed' : 'backup.drill_failed', ts: at,
      ...(scope.incidentRef !== undefined ? { incidentRef: scope.incidentRef } : {}),
      data: { id, plan: plan.name, files, bytes, restoreSeconds, rtoSeconds, rpoSeconds, rpoTargetSeconds: plan.rpoMinutes === null ? null : plan.rpoMinutes * 60, problems },
    });
  }).immediate();
  return check;
}
