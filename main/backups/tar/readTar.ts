import { Readable, Transform, type TransformCallback } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Header } from 'tar-stream';
import { CorruptArchiveError } from './CorruptArchiveError';
import { parseArchivePath } from './parseArchivePath';
import type { TarEntry, TarEntryType } from './types';
import { UnsafeArchiveError } from './UnsafeArchiveError';

/** Two zero blocks close every tar archive (POSIX ustar); GNU tar pads further with zeros. */
const END_MARKER = 1024;

const REFUSED_TYPES: Record<string, string> = {
  link: 'hard link',
  'character-device': 'character device',
  'block-device': 'block device',
  fifo: 'FIFO',
  'contiguous-file': 'contiguous file',
};

/**
 * tar-stream stops at the end-of-archive marker when there is one but accepts a stream that
 * simply stops between entries, so a truncated archive would read as a shorter, valid one.
 * This checks that the stream ends with the two zero blocks.
 */
class EndMarkerCheck extends Transform {
  private tail: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.tail = chunk.length >= END_MARKER ? chunk.subarray(chunk.length - END_MARKER) : Buffer.concat([this.tail, chunk]).subarray(-END_MARKER);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const complete = this.tail.length === END_MARKER && this.tail.every((b) => b === 0);
    callback(complete ? null : new CorruptArchiveError('The archive is truncated: it does not end with the end-of-archive marker'));
  }
}

/**
 * Reads a tar stream entry by entry, refusing with an UnsafeArchiveError (naming the entry)
 * anything that is not a file, directory or symlink with a safe relative name: absolute paths,
 * `..`, NUL bytes, backslashes, empty names, hard links, devices, FIFOs, and the same path
 * twice (a second entry could replace a directory checked earlier by a symlink). A malformed or
 * truncated archive fails with a CorruptArchiveError; an error of `input` (an AgeError from
 * decryption, say) comes through unchanged.
 *
 * The `./` root directory entry that `tar -C dir -cf x.tar .` writes is skipped. `input` is
 * consumed, and destroyed if iteration stops early or fails.
 */
export async function* readTar(input: Readable): AsyncGenerator<TarEntry, void, undefined> {
  // Loaded with the first archive read (verify, restore), not with every backend.
  // tar-stream is CommonJS: its exports object is the default export, from the sources and from the bundle alike.
  const { default: tarStream } = await import('tar-stream');
  const parser = tarStream.extract();
  const entries = parser[Symbol.asyncIterator]();
  const check = new EndMarkerCheck();
  let inputError: unknown = null;
  input.on('error', (err) => {
    inputError = err;
    parser.destroy(err);
  });
  check.on('error', (err) => parser.destroy(err));
  input.pipe(check).pipe(parser);
  // The input may have failed before we were called (an empty file fails decryption at once).
  if (input.errored) {
    inputError = input.errored;
    parser.destroy(input.errored);
  }

  /** The input's own errors, and ours, unchanged; tar-stream's as a CorruptArchiveError. */
  const rethrow = (err: unknown): never => {
    if (err === inputError || err instanceof CorruptArchiveError) throw err;
    throw new CorruptArchiveError(`The archive cannot be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  };
  const seen = new Set<string>();
  let complete = false;
  try {
    for (;;) {
      const next = await entries.next().catch(rethrow);
      if (next.done) break;
      const entry = describe(next.value.header, seen);
      const stream = Readable.from(next.value, { objectMode: false });
      // As tar-stream does for its own entry streams: an error also ends the iteration, where it
      // is reported, so an unread entry must not crash the process with an unhandled 'error'.
      stream.on('error', () => undefined);
      if (entry === null) {
        await drain(stream).catch(rethrow);
        continue;
      }
      yield { ...entry, stream };
      await drain(stream).catch(rethrow);
    }
    complete = true;
  } finally {
    if (!complete) {
      await entries.return?.();
      input.unpipe(check);
      check.destroy();
      input.destroy();
    }
  }
}

/** Skips what the consumer left unread. (Destroying an entry stream destroys the whole parser.) */
async function drain(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return;
  stream.resume();
  await finished(stream);
}

/** The checked entry for `header`, or null for the archive root directory. */
function describe(header: Header, seen: Set<string>): Omit<TarEntry, 'stream'> | null {
  const name = header.name;
  const refuse = (reason: string): never => refused(name, reason);
  const parsed = parseArchivePath(name);
  if (!parsed.ok) return refuse(parsed.problem);
  const type = header.type as string | null;
  if (type !== 'file' && type !== 'directory' && type !== 'symlink') {
    return refuse(type === null ? 'unknown entry type' : `${REFUSED_TYPES[type] ?? type} entries are not restored`);
  }
  const kind: TarEntryType = type;
  if (parsed.path === '') {
    if (kind === 'directory') return null;
    return refuse('a non-directory entry naming the archive root');
  }
  if (kind !== 'directory' && name.endsWith('/')) refuse(`a ${kind} with a trailing slash`);
  // A directory's or link's "data" is parsed as further headers by tar-stream and GNU tar but
  // skipped by other readers: refuse rather than let tools see different archives.
  if (kind !== 'file' && header.size > 0) refuse(`a ${kind} entry carrying ${header.size} bytes of data`);
  if (seen.has(parsed.path)) refuse('duplicate entry (the same path appears twice)');
  seen.add(parsed.path);

  let linkTarget: string | undefined;
  if (kind === 'symlink') {
    linkTarget = header.linkname;
    if (!linkTarget) return refuse('symbolic link without a target');
    if (linkTarget.includes('\0')) return refuse('NUL byte in the link target');
  }
  return {
    path: parsed.path,
    type: kind,
    size: kind === 'file' ? header.size : 0,
    mode: header.mode & 0o7777,
    mtimeMs: mtimeOf(header),
    linkTarget,
  };
}

function refused(name: string, reason: string): never {
  throw new UnsafeArchiveError(name, reason);
}

/** A pax `mtime` (seconds, maybe with a fraction) wins over the whole-second ustar field. */
function mtimeOf(header: Header): number {
  const pax = header.pax as Record<string, string> | null | undefined;
  const seconds = pax?.mtime === undefined ? NaN : Number(pax.mtime);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : header.mtime.getTime();
}
