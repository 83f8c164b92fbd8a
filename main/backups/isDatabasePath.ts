import { DATABASE_FOLDER } from './scanSources';

/** The names of Firebreak's database files wherever a source may have picked them up. */
const DATABASE_FILES = new Set(['firebreak.db', 'firebreak.db-wal', 'firebreak.db-shm', 'firebreak.db-journal', 'vault.json']);

/**
 * Whether an archive path is Firebreak's database: the snapshot's folder, or a file named like the
 * data directory's database or key slots anywhere in a source (a source that held the data
 * directory, a copy). By name, so a backup from before this was recorded is judged the same way;
 * an unrelated file named vault.json is caught too, and needs an administrator to restore.
 */
export function isDatabasePath(path: string): boolean {
  if (path.startsWith(`${DATABASE_FOLDER}/`)) return true;
  const slash = path.lastIndexOf('/');
  return DATABASE_FILES.has(slash < 0 ? path : path.slice(slash + 1));
}
