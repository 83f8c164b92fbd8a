import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { TarArchive, type TarEntryData } from 'archiver';
import { HashMeter } from './HashMeter';
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

const READ_CHUNK = 64 * 1024;
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

  async function appendFile(entry: TarSourceEntry, data: TarHeaderData): Promise<void> {
    if (entry.size === 0) {
      const done = nextEntry();
      archive.append(Buffer.alloc(0), data);
      await Promise.race([done, failed]);
      hooks.onFile?.({ path: entry.path, size: 0, sha256: EMPTY_SHA256 });
      return;
    }
    const handle = await open(entry.absPath, OPEN_FLAGS).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new SourceChangedError(entry.path, 'it no longer exists');
      if (err.code === 'ELOOP') throw new SourceChangedError(entry.path, 'it was replaced by a symbolic link');
      throw err;
    });
    let source: Readable;
    try {
      const now = await handle.stat();
      throwIfFailed();
      if (!now.isFile()) throw new SourceChangedError(entry.path, 'it is no longer a regular file');
      if (now.size < entry.size) throw new SourceChangedError(entry.path, `it shrank from ${entry.size} to ${now.size} bytes`);
      source = handle.createReadStream({ start: 0, end: entry.size - 1, highWaterMark: READ_CHUNK });
    } catch (err) {
      await handle.close();
      throw err;
    }
    current = source;
    const meter = new HashMeter({
      onBytes: (n) => hooks.onBytes?.(n),
      check: (bytes) =>
        bytes === entry.size ? null : new SourceChangedError(entry.path, `it shrank: only ${bytes} of ${entry.size} bytes could be read`),
    });
    pipeline(source, meter).catch(fail);
    const done = nextEntry();
    // archiver's tar plugin reads only `stats.size` (to give tar-stream the size up front).
    archive.append(meter, { ...data, stats: { size: entry.size } as Stats });
    await Promise.race([done, failed]);
    current = null;
    hooks.onFile?.({ path: entry.path, size: entry.size, sha256: meter.digest() });
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
    const finalized = archive.finalize();
    finalized.catch(fail);
    await Promise.race([finalized, failed]);
    await Promise.race([writing, failed]);
  } catch (err) {
    fail(err);
    throw failure ?? err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
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
