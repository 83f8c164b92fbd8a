import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync, closeSync, constants, fchmodSync, futimesSync, lstatSync, lutimesSync, mkdirSync, openSync, renameSync, symlinkSync, unlinkSync,
  utimesSync, writeSync, type Stats,
} from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { IntegrityError } from './IntegrityError';
import { parseArchivePath } from './parseArchivePath';
import { readTar } from './readTar';
import { RestoreConflictError } from './RestoreConflictError';
import { symlinkTargetProblem } from './symlinkTargetProblem';
import type { RestoreOptions, RestoreResult, TarEntry } from './types';
import { UnsafeArchiveError } from './UnsafeArchiveError';

/**
 * Permission bits restored. setuid and setgid are dropped, as GNU tar does for a non-root user:
 * a crafted archive restored by root must not plant a setuid binary. The sticky bit is kept.
 */
const MODE_MASK = 0o1777;

/** Directories are created owner-only while their contents arrive; their own mode comes last. */
const WORKING_DIR_MODE = 0o700;

/**
 * The temporary file: created, never opened if something (a file, a planted link) already has
 * the name (O_EXCL; O_NOFOLLOW as well, belt and braces), owner-only until its mode is set.
 */
const TEMP_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

interface PendingDirectory {
  abs: string;
  depth: number;
  mode: number;
  mtimeMs: number;
}

/**
 * Restores an archive (read by readTar, so unsafe entries are refused before anything is written
 * for them) into `opts.to`, created if missing.
 *
 * - Never writes through a symbolic link: an entry whose parent inside `to` is a link — one the
 *   archive just created or one already there — is refused, and a link whose target could lead
 *   outside `to` is refused (see symlinkTargetProblem).
 * - Never replaces an existing file or link unless `overwrite`, and never a directory by a file
 *   or link at all: a RestoreConflictError names the path.
 * - Files are written to a temporary name in their directory and renamed into place once
 *   complete (and, with `expected`, hashed and checked): a failure leaves no partial file.
 * - Modes (without setuid/setgid) and mtimes are set on files, directories and (mtime only)
 *   links; directories last, deepest first, once their contents are in. Owners are not restored.
 *
 * Fails at the first problem, leaving what was already restored in place.
 */
export async function restoreTar(input: Readable, opts: RestoreOptions): Promise<RestoreResult> {
  let root: string;
  let selection: Selection | null;
  try {
    selection = opts.only === undefined ? null : new Selection(opts.only);
    await mkdir(resolve(opts.to), { recursive: true });
    // The real path, so that a `to` reached through a link (macOS /tmp) is not mistaken for one.
    root = await realpath(opts.to);
  } catch (err) {
    // As readTar does when it stops early: the input is abandoned, and so are its errors.
    input.on('error', () => undefined);
    input.destroy();
    throw err;
  }
  const overwrite = opts.overwrite ?? false;
  const expected = opts.expected;
  const realDirs = new Set<string>(['']);
  const pending: PendingDirectory[] = [];
  const seen = new Set<string>();
  const restored: string[] = [];
  let bytes = 0;

  /**
   * The absolute path of directory `rel`, after checking (or creating) each level as a real directory.
   *
   * Here and below the file system calls are synchronous: each takes microseconds (metadata, or a
   * write into the page cache), where its fs/promises twin costs a thread-pool round trip of
   * 50–100 µs of main-thread time, and a restore makes several per file (docs/benchmarks.md,
   * bench 7c). The archive's chunks still arrive asynchronously between them.
   */
  function directoryFor(rel: string, entry: TarEntry): string {
    if (realDirs.has(rel)) return join(root, rel);
    const segments = rel.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      if (realDirs.has(prefix)) continue;
      const abs = join(root, prefix);
      const st = lstatOrNull(abs);
      if (st === null) mkdirSync(abs);
      else if (st.isSymbolicLink()) throw new UnsafeArchiveError(entry.path, `${prefix} is a symbolic link; refusing to write through it`);
      else if (!st.isDirectory()) throw new RestoreConflictError(prefix, `is not a directory, so ${entry.path} cannot be restored inside it`);
      realDirs.add(prefix);
    }
    return join(root, rel);
  }

  function restoreDirectory(entry: TarEntry, abs: string): void {
    const st = lstatOrNull(abs);
    if (st !== null && !st.isDirectory()) {
      if (!overwrite) throw new RestoreConflictError(entry.path, 'already exists and is not a directory (restore with overwrite to replace it)');
      unlinkSync(abs);
    }
    if (st === null || !st.isDirectory()) mkdirSync(abs, { mode: WORKING_DIR_MODE });
    realDirs.add(entry.path);
    pending.push({ abs, depth: entry.path.split('/').length, mode: entry.mode & MODE_MASK, mtimeMs: entry.mtimeMs });
  }

  async function restoreFile(entry: TarEntry, dir: string, abs: string): Promise<void> {
    const want = expected?.get(entry.path);
    if (expected && !want) throw new IntegrityError(entry.path, 'is in the archive but not in the manifest');
    if (want && want.size !== entry.size) throw new IntegrityError(entry.path, `the archive holds ${entry.size} bytes, the manifest says ${want.size}`);
    refuseExisting(entry, abs, overwrite);
    const tmp = join(dir, temporaryName());
    const fd = openSync(tmp, TEMP_FLAGS, 0o600);
    let open = true;
    let placed = false;
    try {
      const hash = createHash('sha256');
      let written = 0;
      for await (const chunk of entry.stream) {
        const data = chunk as Buffer;
        hash.update(data);
        writeAll(fd, data);
        written += data.length;
      }
      if (want && hash.digest('hex') !== want.sha256) throw new IntegrityError(entry.path, 'SHA-256 does not match the manifest; the file was not restored');
      // On the descriptor: the mode and time go to the file written, whatever the name now is.
      fchmodSync(fd, entry.mode & MODE_MASK);
      futimesSync(fd, new Date(), new Date(entry.mtimeMs));
      closeSync(fd);
      open = false;
      renameSync(tmp, abs);
      placed = true;
      bytes += written;
    } finally {
      if (open) closeSync(fd);
      if (!placed) unlinkQuietly(tmp);
    }
  }

  function restoreSymlink(entry: TarEntry, dir: string, abs: string): void {
    const target = entry.linkTarget ?? '';
    const problem = symlinkTargetProblem(entry.path, target);
    if (problem) throw new UnsafeArchiveError(entry.path, problem);
    refuseExisting(entry, abs, overwrite);
    const tmp = join(dir, temporaryName());
    symlinkSync(target, tmp);
    try {
      try {
        lutimesSync(tmp, new Date(), new Date(entry.mtimeMs));
      } catch (err) {
        // Not every platform can set a link's own time; the link itself matters more.
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ENOSYS' && code !== 'ENOTSUP') throw err;
      }
      renameSync(tmp, abs);
    } catch (err) {
      unlinkQuietly(tmp);
      throw err;
    }
  }

  for await (const entry of readTar(input)) {
    if (selection && !selection.take(entry.path)) continue;
    seen.add(entry.path);
    const slash = entry.path.lastIndexOf('/');
    const dir = directoryFor(slash === -1 ? '' : entry.path.slice(0, slash), entry);
    const abs = join(dir, entry.path.slice(slash + 1));
    if (entry.type === 'directory') restoreDirectory(entry, abs);
    else if (entry.type === 'file') await restoreFile(entry, dir, abs);
    else restoreSymlink(entry, dir, abs);
    restored.push(entry.path);
  }

  // A directory's mtime changes whenever something is created in it, and chmod on a child needs
  // search permission on its parent: so after every content, deepest first.
  for (const d of pending.sort((a, b) => b.depth - a.depth)) {
    chmodSync(d.abs, d.mode);
    utimesSync(d.abs, new Date(), new Date(d.mtimeMs));
  }

  if (expected) {
    const missing = [...expected.keys()].filter((p) => !seen.has(p) && (selection === null || selection.covers(p)));
    const [first] = missing;
    if (first !== undefined) {
      const more = missing.length > 1 ? ` (and ${missing.length - 1} more: ${missing.slice(1, 6).join(', ')}${missing.length > 6 ? ', …' : ''})` : '';
      throw new IntegrityError(first, `is in the manifest but not in the archive${more}`);
    }
  }
  return { restored, bytes, unmatched: selection?.unmatched() ?? [] };
}

/** `only`: exact paths and directory prefixes, matched in O(depth) per entry however many there are. */
class Selection {
  private readonly wanted = new Map<string, string>();
  private readonly matched = new Set<string>();

  constructor(only: string[]) {
    for (const raw of only) {
      const parsed = parseArchivePath(raw);
      if (!parsed.ok) throw new UnsafeArchiveError(raw, `cannot be selected for restore: ${parsed.problem}`);
      this.wanted.set(parsed.path, raw);
    }
  }

  /** Whether `path` is selected, remembering which entry of `only` selected it. */
  take(path: string): boolean {
    const by = this.selector(path);
    if (by === null) return false;
    this.matched.add(by);
    return true;
  }

  covers(path: string): boolean {
    return this.selector(path) !== null;
  }

  unmatched(): string[] {
    return [...this.wanted].filter(([p]) => !this.matched.has(p)).map(([, raw]) => raw);
  }

  private selector(path: string): string | null {
    for (let p = path; ; ) {
      if (this.wanted.has(p)) return p;
      const slash = p.lastIndexOf('/');
      if (slash === -1) return this.wanted.has('') ? '' : null;
      p = p.slice(0, slash);
    }
  }
}

function refuseExisting(entry: TarEntry, abs: string, overwrite: boolean): void {
  const st = lstatOrNull(abs);
  if (st === null) return;
  if (st.isDirectory()) throw new RestoreConflictError(entry.path, `a directory is in the way of this ${entry.type}`);
  if (!overwrite) throw new RestoreConflictError(entry.path, 'already exists (restore with overwrite to replace it)');
}

function lstatOrNull(path: string): Stats | null {
  return lstatSync(path, { throwIfNoEntry: false }) ?? null;
}

function writeAll(fd: number, data: Buffer): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone, or never created */
  }
}

/** Random bytes for temporary names, drawn 256 names at a time (one call per file cost 15 µs). */
let namePool = Buffer.alloc(0);
let namePoolAt = 0;

/** Short, so that it fits beside a 255-byte name; a leading dot keeps it out of casual listings. */
function temporaryName(): string {
  if (namePoolAt + 6 > namePool.length) {
    namePool = randomBytes(6 * 256);
    namePoolAt = 0;
  }
  namePoolAt += 6;
  return `.firebreak-restore-${namePool.toString('hex', namePoolAt - 6, namePoolAt)}`;
}
