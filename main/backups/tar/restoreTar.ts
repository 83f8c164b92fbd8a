import { randomBytes } from 'node:crypto';
import {
  chmodSync, closeSync, constants, fchmodSync, futimesSync, lstatSync, lutimesSync, mkdirSync, open, renameSync, symlinkSync, unlinkSync,
  utimesSync, writev, writevSync, type Stats,
} from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { HashWorker } from './HashWorker';
import { IntegrityError } from './IntegrityError';
import { parseArchivePath } from './parseArchivePath';
import { readTar } from './readTar';
import { RestoreConflictError } from './RestoreConflictError';
import { symlinkTargetProblem } from './symlinkTargetProblem';
import type { ExpectedFile, RestoreOptions, RestoreResult, TarEntry } from './types';
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

/**
 * The window of files written but not yet renamed into place (docs/benchmarks.md, bench 7c).
 * Creating a file is the dearest step of a restore on ext4 (200–400 µs of kernel time per file on
 * the bench machine, more than writing 32 KiB), so temporary files are created on the thread
 * pool, several at once, while this thread decrypts and parses the next entries; their SHA-256
 * runs on the HashWorker. A file is renamed into place only once it is written, closed and its
 * digest matches, in archive order. At most WINDOW_FILES files are in the window, and files of
 * up to SMALL_FILE_MAX bytes wait for their temporary file in memory, keeping at most about
 * WINDOW_BYTES of decrypted chunks alive.
 */
const WINDOW_FILES = 64;
const WINDOW_BYTES = 8 * 1024 * 1024;
const SMALL_FILE_MAX = 1024 * 1024;

/** A file in the window. */
interface PendingFile {
  entry: TarEntry;
  tmp: string;
  abs: string;
  /** Bytes kept alive while the content waits in memory for its temporary file (small files). */
  held: number;
  /**
   * Settles once the temporary file exists, holds the content, has its mode and time and is
   * closed; rejects if any of that failed. Always settles: only then is it known whether the
   * temporary file exists, so cleanup waits for it before unlinking.
   */
  written: Promise<void>;
  /** The SHA-256 to check against `want`, or null when there is no manifest. */
  digest: Promise<string> | null;
  /** The digest once it has come back. */
  sha256: string | null;
  want: ExpectedFile | undefined;
}

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
 *   complete (and, with `expected`, hashed and checked): a failure leaves no partial file, and
 *   no temporary one. Up to WINDOW_FILES files are written ahead of their check and rename; they
 *   are renamed in archive order, so on a failure every file and link before the failing entry
 *   is in place and none after it (directories after it may have been created, still empty of
 *   later files, as before).
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

  /** Files written or being written, not yet renamed, in archive order; and their final paths. */
  const window: PendingFile[] = [];
  const windowPaths = new Set<string>();
  let held = 0;
  // Hashing on a second core (in line when there is little), only when there is something to check against.
  const hasher = expected ? HashWorker.for([...expected.values()].reduce((n, e) => n + e.size, 0)) : null;

  async function restoreFile(entry: TarEntry, dir: string, abs: string): Promise<void> {
    const want = expected?.get(entry.path);
    if (expected && !want) throw new IntegrityError(entry.path, 'is in the archive but not in the manifest');
    if (want && want.size !== entry.size) throw new IntegrityError(entry.path, `the archive holds ${entry.size} bytes, the manifest says ${want.size}`);
    // Whether something is in the way of `abs` is checked when the file is renamed into place.
    while (window.length >= WINDOW_FILES || (held >= WINDOW_BYTES && window.length > 0)) await settle();
    const hash = hasher?.start();
    const tmp = join(dir, temporaryName());
    const file: PendingFile = { entry, tmp, abs, held: 0, written: Promise.resolve(), digest: null, sha256: null, want };
    if (entry.size <= SMALL_FILE_MAX) {
      // The content is gathered first, as the views of the decrypted chunks it came in (no copy,
      // no new buffer: those chunks are 64 KiB, so a window of small files keeps a few MiB alive),
      // and written once the thread pool has created the temporary file.
      const content: Buffer[] = [];
      for await (const chunk of entry.stream) {
        const data = chunk as Buffer;
        hash?.update(data);
        content.push(data);
        file.held += data.buffer.byteLength;
      }
      file.digest = hash?.digest() ?? null;
      held += file.held;
      const release = () => {
        held -= file.held;
        file.held = 0;
      };
      file.written = createTemporary(tmp).then(
        (fd) => {
          release();
          finishFile(fd, entry, content);
        },
        (err: unknown) => {
          release();
          throw err;
        },
      );
      watch(file);
      window.push(file);
      windowPaths.add(entry.path);
    } else {
      // A big file is written as it arrives, once its temporary file exists.
      let done: () => void = () => undefined;
      let failed: (err: unknown) => void = () => undefined;
      file.written = new Promise<void>((resolve, reject) => {
        done = resolve;
        failed = reject;
      });
      watch(file);
      window.push(file);
      windowPaths.add(entry.path);
      try {
        const fd = await createTemporary(tmp);
        const writer = new PositionalWriter(fd);
        try {
          for await (const chunk of entry.stream) {
            const data = chunk as Buffer;
            hash?.update(data);
            const room = writer.write(data) ?? hasher?.room();
            if (room) await room;
          }
          file.digest = hash?.digest() ?? null;
          watch(file);
          await writer.drain();
        } catch (err) {
          await writer.drain().catch(() => undefined);
          closeSync(fd);
          throw err;
        }
        finishFile(fd, entry, null);
        done();
      } catch (err) {
        failed(err);
        throw err;
      }
    }
    bytes += entry.size;
    const wait = hasher?.room();
    if (wait) await wait;
  }

  /**
   * A failure of a file further back in the window is reported when its turn comes (or it is
   * discarded), never as an unhandled rejection meanwhile.
   */
  function watch(file: PendingFile): void {
    file.written.catch(() => undefined);
    file.digest?.then((hex) => {
      file.sha256 = hex;
    }, () => undefined);
  }

  /**
   * The oldest file of the window: once written and its digest matches, renamed into place.
   * Leaves it in the window (for cleanup) when it fails.
   */
  async function settle(): Promise<void> {
    const file = window[0]!;
    await file.written;
    if (file.digest) {
      // Its batch has usually gone to the worker long since; sending a part-filled one for each
      // file would cost a message per file.
      if (file.sha256 === null) hasher?.flush();
      if ((await file.digest) !== file.want?.sha256) throw new IntegrityError(file.entry.path, 'SHA-256 does not match the manifest; the file was not restored');
    }
    // Checked here, just before the rename, rather than when the entry arrived: the name may have
    // been taken meanwhile (on a case-insensitive file system, by another entry of the archive).
    refuseExisting(file.entry, file.abs, overwrite);
    renameSync(file.tmp, file.abs);
    window.shift();
    windowPaths.delete(file.entry.path);
  }

  /** Every file of the window into place, in order. */
  async function settleAll(): Promise<void> {
    while (window.length > 0) await settle();
  }

  /** After a failure: no temporary file left behind (each one waited for, so none appears later). */
  async function discardWindow(): Promise<void> {
    for (const file of window.splice(0)) {
      await file.written.catch(() => undefined);
      unlinkQuietly(file.tmp);
    }
    windowPaths.clear();
  }

  /** Whether restoring inside `rel` must wait for the window: a file on its way to a name on the path. */
  function blockedByWindow(rel: string): boolean {
    if (windowPaths.size === 0 || realDirs.has(rel)) return false;
    for (let p = rel; p !== ''; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
      if (windowPaths.has(p)) return true;
    }
    return false;
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

  try {
    try {
      for await (const read of readTar(input)) {
        if (selection && !selection.take(read.path)) continue;
        const mtimeMs = opts.mtimeOf?.(read.path);
        const entry = mtimeMs === undefined ? read : { ...read, mtimeMs };
        seen.add(entry.path);
        const slash = entry.path.lastIndexOf('/');
        const parent = slash === -1 ? '' : entry.path.slice(0, slash);
        // A file still in the window may hold a name this entry's directories need: it goes in
        // first, so that the conflict is found as it would be without the window.
        if (blockedByWindow(parent)) await settleAll();
        const dir = directoryFor(parent, entry);
        const abs = join(dir, entry.path.slice(slash + 1));
        if (entry.type === 'directory') restoreDirectory(entry, abs);
        else if (entry.type === 'file') await restoreFile(entry, dir, abs);
        else {
          // Links are rare: the files before one go into place first, so that a failure among
          // them leaves nothing of what follows.
          await settleAll();
          restoreSymlink(entry, dir, abs);
        }
        restored.push(entry.path);
      }
    } catch (err) {
      // Whatever was complete and checked before the failing entry goes into place, as it would
      // have without the window; a second failure there (a hash mismatch) stops that, silently:
      // the first error is the one reported.
      await settleAll().catch(() => undefined);
      throw err;
    }
    await settleAll();
  } catch (err) {
    await discardWindow();
    throw err;
  } finally {
    hasher?.close();
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

/**
 * Writes a big file at increasing offsets on the thread pool, up to WRITE_BATCH bytes per call
 * and WRITE_IN_FLIGHT bytes not yet written, so that this thread goes on decrypting meanwhile
 * (1 GiB of write() costs over a second of kernel time on the bench machine). The chunks given
 * are kept, not copied, until written.
 */
const WRITE_BATCH = 1024 * 1024;
const WRITE_IN_FLIGHT = 2 * 1024 * 1024;

class PositionalWriter {
  private position = 0;
  private gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private inFlight = 0;
  private failure: Error | null = null;
  private waiters: (() => void)[] = [];

  constructor(private readonly fd: number) {}

  /** Undefined when more may be given at once; otherwise a promise to await first. */
  write(data: Buffer): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    this.gathered.push(data);
    this.gatheredBytes += data.length;
    if (this.gatheredBytes >= WRITE_BATCH) this.send();
    return this.inFlight > WRITE_IN_FLIGHT ? this.wait().then(() => this.check()) : undefined;
  }

  /**
   * Resolves once everything given is written; rejects with the first write error, but only
   * once no write is left on the thread pool (the descriptor may be closed after either).
   */
  async drain(): Promise<void> {
    this.send();
    while (this.inFlight > 0) await this.wait();
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private send(): void {
    if (this.gatheredBytes === 0 || this.failure) return;
    const buffers = this.gathered;
    const length = this.gatheredBytes;
    const position = this.position;
    this.gathered = [];
    this.gatheredBytes = 0;
    this.position += length;
    this.inFlight += length;
    this.writev(buffers, position, length);
  }

  private writev(buffers: Buffer[], position: number, length: number): void {
    writev(this.fd, buffers, position, (err, written) => {
      if (err) return this.settle(length, err);
      // A short write (rare on a regular file): the rest goes again from where it stopped.
      if (written < length) {
        this.inFlight -= written;
        return this.writev(skip(buffers, written), position + written, length - written);
      }
      this.settle(length, null);
    });
  }

  private settle(length: number, err: Error | null): void {
    this.inFlight -= length;
    if (err && !this.failure) this.failure = err;
    if (this.failure || this.inFlight <= WRITE_IN_FLIGHT) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}

/** `buffers` without their first `n` bytes. */
function skip(buffers: Buffer[], n: number): Buffer[] {
  const out: Buffer[] = [];
  for (const b of buffers) {
    if (n >= b.length) n -= b.length;
    else {
      out.push(n > 0 ? b.subarray(n) : b);
      n = 0;
    }
  }
  return out;
}

/** Creates a temporary file on the thread pool (the creation is the slow part, see WINDOW_FILES). */
function createTemporary(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    open(path, TEMP_FLAGS, 0o600, (err, fd) => (err ? reject(err) : resolve(fd)));
  });
}

/**
 * Writes `content` (when given), sets the mode and time, and closes `fd` in any case. On the
 * descriptor: the mode and time go to the file written, whatever the name now is.
 */
function finishFile(fd: number, entry: TarEntry, content: Buffer[] | null): void {
  try {
    if (content) writevAll(fd, content);
    fchmodSync(fd, entry.mode & MODE_MASK);
    futimesSync(fd, new Date(), new Date(entry.mtimeMs));
  } finally {
    closeSync(fd);
  }
}

function writevAll(fd: number, parts: Buffer[]): void {
  const total = parts.reduce((n, b) => n + b.length, 0);
  for (let at = 0; at < total; ) at += writevSync(fd, at === 0 ? parts : skip(parts, at), at);
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
