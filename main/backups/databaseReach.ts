import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { PlanConfig } from '../../contract';

const inside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The path with every symlink and `..` resolved, as far as it exists (a missing tail is kept as given). */
function realPath(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = resolve(abs, '..');
  return parent === abs ? abs : resolve(realPath(parent), relative(parent, abs));
}

/** The reason databaseReach gives for the snapshot. */
export const SNAPSHOT_REASON = "it includes Firebreak's database snapshot and vault.json";

/**
 * Why a plan would put Firebreak's database in its backups, in words; empty when it would not.
 * The database is the snapshot (`includeDatabase`) or a source that is the data directory, lies
 * inside it, or contains it (`/`, the data directory's parent), after resolving symlinks and `..`
 * on both sides, so a link to the data directory counts as the directory itself. Anything inside
 * the data directory counts (not only firebreak.db and vault.json): it is Firebreak's, and the
 * snapshot is the way to back it up consistently.
 *
 * Not seen (docs/security.md): a hard link or bind mount of the database elsewhere, or a copy of
 * the file under another name; each needs access to the data directory already.
 */
export function databaseReach(config: Pick<PlanConfig, 'includeDatabase' | 'sources'>, dataDir: string): string[] {
  const reasons: string[] = [];
  if (config.includeDatabase) reasons.push(SNAPSHOT_REASON);
  const data = realPath(dataDir);
  for (const source of config.sources) {
    const real = realPath(source);
    const via = real === resolve(source) ? '' : ` (which resolves to ${real})`;
    if (inside(data, real)) reasons.push(`source ${source}${via} contains Firebreak's data directory ${data}`);
    else if (inside(real, data)) reasons.push(`source ${source}${via} is inside Firebreak's data directory ${data}`);
  }
  return reasons;
}
