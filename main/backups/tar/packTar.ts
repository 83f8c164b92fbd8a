import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, read, readSync, type Stats } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { TarEntryData } from 'archiver';
import { HashWorker } from './HashWorker';
import { parseArchivePath } from './parseArchivePath';
import { SourceChangedError } from './SourceChangedError';
import type { PackHooks, TarSourceEntry } from './types';

/** Fields archiver passes through to tar-stream that @types/archiver does not declare. */
interface TarHeaderData extends TarEntryData {
  linkname?: string;
  pax?: Record<string, string>;
}

/**
 * tar-stream writes the ustar mtime as `(ms / 1000) | 0`, a signed 32-bit number: anything
 * before 1970 or after 2038-01-19 would wrap. Those times go in a pax `mtime` record instead,
 * with the ustar field clamped (GNU tar and readTar prefer the pax value).
 */
const MAX_USTAR_SECONDS = 2 ** 31 - 1;

/**
 * O_NOFOLLOW: a file replaced by a symlink since the walk is not followed. O_NONBLOCK: a file
 * replaced by a FIFO does not block the open forever (the fstat below then refuses it). Both are
 * absent on Windows, where neither trick applies.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Files up to this size are read whole, synchronously (open, fstat, read, close: about 20 µs for
 * a small file from the page cache, where the same four calls through fs/promises and a read
 * stream cost over 100 µs of main-thread time each, docs/benchmarks.md bench 7), and handed to
 * archiver as one Buffer. Bigger files are streamed in READ_CHUNK reads, so memory stays flat.
 */
const WHOLE_FILE_MAX = 1024 * 1024;
const READ_CHUNK = 1024 * 1024;
const EMPTY_SHA256 = createHash('sha256').digest('hex');

/**
 * Writes `entries`, in order, as a tar stream (archiver's TarArchive, so ustar headers with pax
 * extensions for long or non-ASCII names) into `out`, which is ended on success and destroyed
 * with the error on failure — as stream.pipeline would.
 *
 * Memory stays constant: each file is opened only when its turn comes and streamed with its size
 * given up front (archiver's tar plugin buffers a stream whole unless `stats` carries the size).
 * Exactly `size` bytes are read, so a file that grew is stored as it was at stat time; one that
 * shrank, vanished or stopped being a regular file rejects with a SourceChangedError.
 *
 * mtimes are stored in whole seconds (ustar), rounded down.
 */
export async function packTar(entries: TarSourceEntry[], out: Writable, hooks: PackHooks = {}): Promise<void> {
  const { signal } = hooks;
  // archiver and its stream libraries are loaded with the first backup, not with every backend.
  const { TarArchive } = await import('archiver');
  const archive = new TarArchive();
  let failure: Error | null = null;
  let current: Readable | null = null;
  let rejectFailed: (err: Error) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => {
    rejectFailed = reject;
  });
  failed.catch(() => undefined);

  // On failure the archive is cut off from `out` and left to be collected, not destroyed:
  // archiver's abort() would unpipe its tar-stream engine, which streamx streams cannot do, and
  // destroying it errors tar-stream's entry sink, which nothing listens to (an uncaught
  // exception). Only the file being read and `out` are destroyed.
  const fail = (err: unknown): void => {
    if (failure) return;
    failure = err instanceof Error ? err : new Error(String(err));
    current?.destroy();
    archive.unpipe(out);
    out.destroy(failure);
    rejectFailed(failure);
  };
  const throwIfFailed = (): void => {
    if (failure) throw failure;
  };
  const onAbort = (): void => fail(abortError(signal));
  let entryDone: (() => void) | null = null;
  archive.on('entry', () => entryDone?.());
  archive.on('error', fail);
  archive.on('warning', fail);
  out.on('error', fail);
  archive.pipe(out);
  const writing = finished(out, { readable: false });
  writing.catch(fail);
  signal?.addEventListener('abort', onAbort, { once: true });

  const nextEntry = (): Promise<void> =>
    new Promise<void>((resolve) => {
      entryDone = resolve;
    });

  // Files are hashed on the worker while the next ones are read and packed; onFile follows, in
  // order, as each digest comes back, and all of them before packTar resolves.
  const hasher = hooks.hasher ?? HashWorker.for(entries.reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0));
  let reported: Promise<void> = Promise.resolve();
  const report = (entry: TarSourceEntry, sha256: Promise<string> | string): void => {
    reported = Promise.all([reported, sha256]).then(([, hex]) => hooks.onFile?.({ path: entry.path, size: entry.size, sha256: hex }));
    reported.catch(fail);
  };

  async function appendFile(entry: TarSourceEntry, data: TarHeaderData): Promise<void> {
    if (entry.size === 0) {
      const done = nextEntry();
      archive.append(Buffer.alloc(0), data);
      await Promise.race([done, failed]);
      report(entry, EMPTY_SHA256);
      return;
    }
    const fd = openSource(entry);
    const hash = hasher.start();
    if (entry.size <= WHOLE_FILE_MAX) {
      let content: Buffer;
      try {
        content = readWhole(entry, fd);
      } finally {
        closeSync(fd);
      }
      hash.update(content);
      hooks.onBytes?.(entry.size);
      const done = nextEntry();
      archive.append(content, data);
      await Promise.race([done, failed]);
    } else {
      const source = new FileSource(entry, fd, hasher, hash.update, (n) => hooks.onBytes?.(n));
      current = source;
      source.on('error', fail);
      const done = nextEntry();
      // archiver's tar plugin reads only `stats.size` (to give tar-stream the size up front).
      archive.append(source, { ...data, stats: { size: entry.size } as Stats });
      await Promise.race([done, failed]);
      current = null;
    }
    report(entry, hash.digest());
    const wait = hasher.room();
    if (wait) await Promise.race([wait, failed]);
  }

  try {
    if (signal?.aborted) throw abortError(signal);
    checkEntries(entries);
    for (const entry of entries) {
      throwIfFailed();
      const data = headerData(entry);
      if (entry.type === 'file') {
        await appendFile(entry, data);
      } else {
        const done = nextEntry();
        archive.append(Buffer.alloc(0), data);
        await Promise.race([done, failed]);
      }
    }
    // Every onFile before the archive ends, as when the hashing was done in line.
    hasher.flush();
    await Promise.race([reported, failed]);
    const finalized = archive.finalize();
    finalized.catch(fail);
    await Promise.race([finalized, failed]);
    await Promise.race([writing, failed]);
  } catch (err) {
    fail(err);
    throw failure ?? err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!hooks.hasher) hasher.close();
  }
}

/**
 * Opens a file to store, checking it is still the regular file the walk saw and at least as big.
 * Synchronous: these are metadata calls that take microseconds, where the promise versions cost
 * a thread-pool round trip each.
 */
function openSource(entry: TarSourceEntry): number {
  let fd: number;
  try {
    fd = openSync(entry.absPath, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SourceChangedError(entry.path, 'it no longer exists');
    if (code === 'ELOOP') throw new SourceChangedError(entry.path, 'it was replaced by a symbolic link');
    throw err;
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile()) throw new SourceChangedError(entry.path, 'it is no longer a regular file');
    if (now.size < entry.size) throw new SourceChangedError(entry.path, `it shrank from ${entry.size} to ${now.size} bytes`);
    return fd;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** Exactly `entry.size` bytes from offset 0 (a file that grew is cut at its stat-time size). */
function readWhole(entry: TarSourceEntry, fd: number): Buffer {
  const content = Buffer.allocUnsafe(entry.size);
  for (let at = 0; at < entry.size; ) {
    const n = readSync(fd, content, at, entry.size - at, at);
    if (n === 0) throw shrank(entry, at);
    at += n;
  }
  return content;
}

function shrank(entry: TarSourceEntry, bytes: number): SourceChangedError {
  return new SourceChangedError(entry.path, `it shrank: only ${bytes} of ${entry.size} bytes could be read`);
}

/**
 * A big file as a stream of exactly `entry.size` bytes, read in READ_CHUNK reads (positional,
 * on the thread pool) and handed to the hashing worker as they go: one object where a read
 * stream, a hashing Transform and a pipeline between them cost a buffer, a callback and an event
 * per 64 KiB. Owns `fd` and closes it when it ends or is destroyed.
 */
class FileSource extends Readable {
  private offset = 0;
  private fd: number | null;
  /** A read is on the thread pool: closing the descriptor now could let it read another file. */
  private reading = false;

  constructor(
    private readonly entry: TarSourceEntry,
    fd: number,
    private readonly hasher: HashWorker,
    private readonly hash: (data: Uint8Array) => void,
    private readonly onBytes: (n: number) => void,
  ) {
    super({ highWaterMark: READ_CHUNK });
    this.fd = fd;
  }

  override _read(): void {
    const fd = this.fd;
    if (fd === null) return;
    // The hashing worker is behind: read on once it has caught up, so memory stays bounded.
    const wait = this.hasher.room();
    if (wait) {
      wait.then(() => this._read(), (err: Error) => this.destroy(err));
      return;
    }
    const want = Math.min(READ_CHUNK, this.entry.size - this.offset);
    const buffer = Buffer.allocUnsafe(want);
    this.reading = true;
    read(fd, buffer, 0, want, this.offset, (err, n) => {
      this.reading = false;
      if (this.destroyed) {
        this.release();
        return;
      }
      if (err) {
        this.destroy(err);
        return;
      }
      if (n === 0) {
        this.destroy(shrank(this.entry, this.offset));
        return;
      }
      const chunk = n === want ? buffer : buffer.subarray(0, n);
      this.offset += n;
      this.hash(chunk);
      this.onBytes(n);
      this.push(chunk);
      if (this.offset === this.entry.size) {
        this.release();
        this.push(null);
      }
    });
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.reading) this.release();
    callback(err);
  }

  private release(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException('The backup was aborted', 'AbortError');
}

/** Refuses, before a byte is written, anything readTar would refuse on the way back. */
function checkEntries(entries: TarSourceEntry[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    const refuse = (why: string): never => {
      throw new Error(`Cannot archive ${JSON.stringify(entry.path)}: ${why}`);
    };
    const parsed = parseArchivePath(entry.path);
    if (!parsed.ok) refuse(parsed.problem);
    else if (parsed.path !== entry.path || parsed.path === '') refuse('not a canonical relative path (like a/b/c)');
    if (seen.has(entry.path)) refuse('listed twice');
    seen.add(entry.path);
    if (entry.type !== 'file' && entry.type !== 'directory' && entry.type !== 'symlink') refuse(`unsupported type ${String(entry.type)}`);
    if (entry.type === 'file' && !(Number.isSafeInteger(entry.size) && entry.size >= 0)) refuse(`invalid size ${entry.size}`);
    if (entry.type === 'symlink' && (!entry.linkTarget || entry.linkTarget.includes('\0'))) refuse('symlink without a valid target');
    if (!Number.isInteger(entry.mode) || !Number.isFinite(entry.mtimeMs)) refuse('invalid mode or mtime');
  }
}

function headerData(entry: TarSourceEntry): TarHeaderData {
  const seconds = Math.floor(entry.mtimeMs / 1000);
  const inRange = seconds >= 0 && seconds <= MAX_USTAR_SECONDS;
  const data: TarHeaderData = {
    // archiver's sanitizePath strips a leading `word:` (a Windows drive, it assumes), so
    // `notes:1/x` would be stored as `1/x`; a `./` prefix, dropped again by every reader, keeps it.
    name: /^\w+:/.test(entry.path) ? `./${entry.path}` : entry.path,
    type: entry.type,
    mode: entry.mode & 0o7777,
    date: new Date(Math.min(Math.max(seconds, 0), MAX_USTAR_SECONDS) * 1000),
  };
  if (!inRange) data.pax = { mtime: String(seconds) };
  if (entry.type === 'symlink') data.linkname = entry.linkTarget;
  return data;
}
