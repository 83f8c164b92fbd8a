import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';

/** Who holds a lock file: the pid and start time its creator wrote. */
export interface LockHolder {
  pid: number;
  since: string | null;
}

/**
 * Creates `file` holding this process's pid and the time, owner-only: true when this call made it,
 * false when it already existed. The content is written to a file of this process's own first and
 * then hard-linked to `file`: link(2) fails with EEXIST atomically, so of any number of processes
 * (or calls in one process) exactly one gets true, and a lock file is never seen empty. (Created
 * with O_EXCL and written after, another process could read it in between as empty — pid 0, "its
 * creator died" — and take it over while its holder was working.)
 */
export function tryCreateLockFile(file: string, now: Date = new Date()): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, `${process.pid}\n${now.toISOString()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(draft, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (FAT on a USB stick): exclusive create, then write.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createThenWrite(file, now);
    throw err;
  } finally {
    unlinkSync(draft);
  }
}

function createThenWrite(file: string, now: Date): boolean {
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

/** The holder written in a lock file; null when it is gone, or pid 0 when it is empty or unreadable (not written by tryCreateLockFile). */
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
