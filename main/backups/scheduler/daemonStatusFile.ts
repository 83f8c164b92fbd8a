import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PlanRunStatus } from '../../../contract';

export const DAEMON_STATUS_FORMAT = 'firebreak-daemon-status/1';

/** `<data dir>/logs/daemon-status.json`: what `firebreak daemon status` reads. */
export interface DaemonStatus {
  format: typeof DAEMON_STATUS_FORMAT;
  pid: number;
  user: string;
  startedAt: string;
  updatedAt: string;
  /** Set when the daemon stopped cleanly; a crashed daemon leaves null and a pid that is gone. */
  stoppedAt: string | null;
  plans: PlanRunStatus[];
}

export const daemonFiles = (dataDir: string) => ({
  status: join(dataDir, 'logs', 'daemon-status.json'),
  lock: join(dataDir, 'logs', 'daemon.pid'),
});

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is a live daemon. On Linux its command line is checked too: after a crash and a
 * reboot, the recorded pid may well belong to another program, which must not pass for a daemon
 * (nor keep a new one from starting). Elsewhere a live pid is taken at its word.
 */
export function daemonAlive(pid: number): boolean {
  if (!processAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('daemon');
  } catch (err) {
    // Gone meanwhile, or /proc hides other users' processes (hidepid): then trust the pid.
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/** Written whole or not at all (temporary file, fsync, rename), so a reader never sees half. */
export function writeDaemonStatus(file: string, status: DaemonStatus): void {
  writeStatusFile(file, status);
}

/** A status file (the daemon's, the app's): JSON, written whole or not at all, owner-only. */
export function writeStatusFile(file: string, status: object): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(status, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function readDaemonStatus(file: string): DaemonStatus | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DaemonStatus>;
  if (parsed.format !== DAEMON_STATUS_FORMAT || !Array.isArray(parsed.plans)) {
    throw new Error(`${file} is not a daemon status file (${DAEMON_STATUS_FORMAT})`);
  }
  return parsed as DaemonStatus;
}

/**
 * One daemon per data directory: a pid file taken with O_EXCL. A pid file whose process is
 * gone (a crash, a kill -9) is stale and taken over. Returns the release function.
 */
export function acquireDaemonLock(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid !== process.pid && daemonAlive(pid)) {
        throw new Error(`a backup daemon already runs on ${dirname(dirname(file))} (process ${pid})`);
      }
      unlinkSync(file);
    }
  }
  throw new Error(`could not take ${file}: another daemon is starting`);
}
