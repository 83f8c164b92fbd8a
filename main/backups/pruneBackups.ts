import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure, type PruneReport } from '../../contract';
import { appendEvent } from '../timeline';
import { backupIdentity } from './backupIdentity';
import { listBackups } from './backupStore';
import { fsyncDir } from './fsyncDir';
import { acquirePlanLock } from './planLock';
import { getPlan } from './planStore';
import { readManifest } from './readManifest';
import { selectRetained } from './selectRetained';
import type { CheckScope } from './verifyBackup';

/**
 * Applies a plan's retention. Everything a kept backup needs stays too: an incremental reads
 * files from earlier archives of its chain (its manifest's `in`), so those are kept with the
 * reason "needed by …". Removal deletes the manifest first (from then on the backup does not
 * exist), then the archive, under the plan's lock so no run is writing meanwhile.
 */
export async function pruneBackups(scope: CheckScope, planName: string, dryRun: boolean): Promise<PruneReport> {
  const { db } = scope;
  const plan = getPlan(db, planName);
  const r = plan.retention;
  if (![r.keepLast, r.keepDaily, r.keepWeekly, r.keepMonthly, r.keepYearly].some((n) => (n ?? 0) > 0)) {
    throw new ApiFailure('VALIDATION', `plan "${planName}" has no retention rules (keep-last, keep-daily, …): nothing would be kept, so nothing is pruned`);
  }
  const planDir = join(plan.target, plan.name);
  const release = dryRun ? () => undefined : acquirePlanLock(planDir);
  try {
    const backups = listBackups(db, planName);
    const kept = selectRetained(backups, r);
    const { identity } = backupIdentity(db, scope.now());
    // Close over what kept incrementals read from, until nothing new is needed.
    const todo = [...kept.keys()];
    while (todo.length > 0) {
      const id = todo.pop() as string;
      const b = backups.find((x) => x.id === id);
      if (!b) continue;
      const manifest = await readManifest(join(planDir, b.manifestFile), identity);
      for (const needed of new Set(manifest.entries.flatMap((e) => (e.in !== undefined && e.in !== id ? [e.in] : [])))) {
        if (!kept.has(needed)) todo.push(needed);
        kept.set(needed, [...(kept.get(needed) ?? []), `needed by ${id}`]);
      }
    }
    const removed = backups.filter((b) => !kept.has(b.id));
    const report: PruneReport = {
      plan: planName,
      dryRun,
      kept: backups.filter((b) => kept.has(b.id)).map((b) => ({ id: b.id, finishedAt: b.finishedAt, reasons: [...new Set(kept.get(b.id))] })),
      removed: removed.map((b) => ({ id: b.id, finishedAt: b.finishedAt })),
    };
    if (dryRun) return report;
    for (const b of removed) {
      rmSync(join(planDir, b.manifestFile), { force: true });
      rmSync(join(planDir, b.archiveFile), { force: true });
      db.prepare('UPDATE backups SET pruned_at = ? WHERE id = ?').run(scope.now(), b.id);
    }
    fsyncDir(planDir);
    appendEvent(db, { actor: scope.actor, type: 'backup.pruned', ts: scope.now(), data: { plan: planName, removed: report.removed.map((b) => b.id), kept: report.kept.length } });
    return report;
  } finally {
    release();
  }
}
