import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

/** Who holds a lock file: the pid and start time its creator wrote. */
export interface LockHolder {
  pid: number;
  since: string | null;
}

/**
 * Creates `file` with O_EXCL (owner-only) holding this process's pid and the time: true when this
 * call made it, false when it already existed. O_EXCL is atomic on local file systems, so of any
 * number of processes (or calls in one process) exactly one gets true.
 */
export function tryCreateLockFile(file: string, now: Date = new Date()): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${process.pid}\n${now.toISOString()}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The holder written in a lock file; null when it is gone, or pid 0 when it is empty or unreadable (its creator died while writing it). */
export function readLockHolder(file: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const [pidLine, sinceLine] = text.split('\n');
  const pid = Number(pidLine);
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, since: sinceLine || null };
}

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
