import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Makes a rename in `dir` durable (POSIX); a no-op where directories cannot be opened (Windows). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    closeSync(fd);
  }
}
