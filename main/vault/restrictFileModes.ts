import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders of the data directory whose files are few enough to check at every start (evidence/ is always written 0600). */
const SMALL_FOLDERS = ['', 'logs', 'runbooks'];

/**
 * Makes the data directory's files owner-only (0600): the database and its -wal and -shm, the key
 * slots, the sign-in attempts, the logs. New files are created so; this brings files made by older
 * versions (a database created 0644) or put back by hand into line at every start. Best effort: a
 * file owned by someone else is left as it is.
 */
export function restrictFileModes(dataDir: string): void {
  if (process.platform === 'win32') return;
  for (const folder of SMALL_FOLDERS) {
    const dir = join(dataDir, folder);
    let names: string[];
    try {
      names = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        const file = join(dir, name);
        if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      } catch {
        // Gone in between, or not ours to change.
      }
    }
  }
}
