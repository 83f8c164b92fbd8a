import { closeSync, openSync, readFileSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ApiFailure } from '../../contract';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One run per plan at a time, across processes (the app and `firebreak daemon` may share a
 * target): a lock file holding the owner's pid. A lock whose process is gone is stale (a crash)
 * and is taken over; leftovers of that crashed run (temporary files) are removed then, since
 * only a lock holder ever writes them.
 */
export function acquirePlanLock(planDir: string): () => void {
  const file = join(planDir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      removeLeftovers(planDir);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new ApiFailure('CONFLICT', `a backup of this plan is already running (process ${pid}); runs never overlap`);
      }
      unlinkSync(file);
    }
  }
  throw new ApiFailure('CONFLICT', `could not take the lock ${file}`);
}

/**
 * Temporary names start with a dot (`.work-<id>/`, `.<file>.tmp`); an archive whose manifest was
 * never written (killed between the two renames) is not a backup either.
 */
function removeLeftovers(planDir: string): void {
  const names = new Set(readdirSync(planDir));
  for (const name of names) {
    const orphan = name.endsWith('.tar.age') && !names.has(name.replace(/\.tar\.age$/, '.manifest.age'));
    if (orphan || name.startsWith('.work-') || (name.startsWith('.') && name.endsWith('.tmp'))) rmSync(join(planDir, name), { recursive: true, force: true });
  }
}
