import type { BackupPlan } from '../../contract';

/**
 * The top-level folders a plan's archives hold, as docs/backup-format.md names them: each source's
 * base name, made unique with -2, -3 …, then firebreak-data with the database. A hint for the
 * Restore dialog's "path inside the backup"; the manifest is the authority.
 */
export function archiveFolders(plan: Pick<BackupPlan, 'sources' | 'includeDatabase'>): string[] {
  const taken = new Set<string>();
  const names: string[] = [];
  for (const source of plan.sources) {
    const base = source.split(/[/\\]+/).filter(Boolean).pop() ?? 'root';
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    taken.add(name);
    names.push(name);
  }
  if (plan.includeDatabase) names.push('firebreak-data');
  return names;
}
