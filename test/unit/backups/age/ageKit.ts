import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDecryptStream, createEncryptStream, type DecryptOptions, type EncryptOptions } from '../../../../main/backups/age';
import { formatHeader } from '../../../../main/backups/age/formatHeader';
import { CHUNK_SIZE, payloadKey, sealChunk } from '../../../../main/backups/age/payload';
import type { Stanza } from '../../../../main/backups/age/Stanza';

/** Splits `data` into writes of `size` bytes (the last may be shorter); at least one write. */
export function slices(data: Buffer, size: number): Buffer[] {
  if (data.length === 0) return [data];
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

/** Everything a stream emitted, and how it ended, so a test can inspect output before an error. */
export interface Outcome {
  output: Buffer;
  /** Byte counts of the stream's individual pushes. */
  pushes: number[];
  /** Null when the stream ended normally. */
  error: Error | null;
}

async function run(transform: NodeJS.ReadWriteStream, input: Buffer, writeSize: number): Promise<Outcome> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(chunk);
      callback();
    },
  });
  let error: Error | null = null;
  try {
    await pipeline(Readable.from(slices(input, writeSize)), transform, sink);
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
  }
  return { output: Buffer.concat(parts), pushes: parts.map((p) => p.length), error };
}

export async function encrypt(plaintext: Buffer, options: EncryptOptions, writeSize = 64 * 1024): Promise<Buffer> {
  const r = await run(createEncryptStream(options), plaintext, writeSize);
  if (r.error) throw r.error;
  return r.output;
}

export function tryDecrypt(file: Buffer, options: DecryptOptions, writeSize = 64 * 1024): Promise<Outcome> {
  return run(createDecryptStream(options), file, writeSize);
}

export async function decrypt(file: Buffer, options: DecryptOptions, writeSize = 64 * 1024): Promise<Buffer> {
  const r = await tryDecrypt(file, options, writeSize);
  if (r.error) throw r.error;
  return r.output;
}

/**
 * Builds an age file by hand from chosen stanzas and chunk layout, to test the reader on
 * inputs our writer would never produce (unknown stanzas, empty final chunks, reordering…).
 */
export function buildAgeFile(opts: { fileKey: Buffer; stanzas: Stanza[]; chunks: { plaintext: Buffer; last: boolean }[]; nonce?: Buffer }): Buffer {
  const nonce = opts.nonce ?? randomBytes(16);
  const key = payloadKey(opts.fileKey, nonce);
  return Buffer.concat([
    formatHeader(opts.stanzas, opts.fileKey),
    nonce,
    ...opts.chunks.map((c, i) => sealChunk(key, i, c.last, c.plaintext)),
  ]);
}

/** Plaintext cut into age's chunks, the way a correct writer seals it. */
export function chunksOf(plaintext: Buffer): { plaintext: Buffer; last: boolean }[] {
  const out: { plaintext: Buffer; last: boolean }[] = [];
  let i = 0;
  do {
    out.push({ plaintext: plaintext.subarray(i, i + CHUNK_SIZE), last: i + CHUNK_SIZE >= plaintext.length });
    i += CHUNK_SIZE;
  } while (i < plaintext.length);
  return out;
}

/** Runs a CLI (age, age-keygen) and fails loudly with its stderr. */
export function runTool(command: string, args: string[], options: { input?: string | Buffer; cwd?: string } = {}): Buffer {
  const r = spawnSync(command, args, { input: options.input, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return r.stdout;
}

/** Like runTool, for a run expected to fail: its exit status and stderr. */
export function runToolFailing(command: string, args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(command, args, { timeout: 60_000 });
  return { status: r.status, stderr: r.stderr.toString() };
}
