import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program: plain JavaScript on node: built-ins only, so that it runs the same
 * under tsx, in Vitest and in the esbuild bundle of the Electron main process (no file to ship).
 * A message is a batch: one transferred buffer and the operations on it, in order —
 * [id, offset, length, end]. It answers each batch with the digests of the hashes it ended, and
 * gives the buffer back for the next batch.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', ({ buffer, ops }) => {
  const bytes = new Uint8Array(buffer);
  const digests = [];
  for (const [id, offset, length, end] of ops) {
    let hash = hashes.get(id);
    if (hash === undefined) {
      hash = createHash('sha256');
      hashes.set(id, hash);
    }
    if (length > 0) hash.update(bytes.subarray(offset, offset + length));
    if (end) {
      digests.push([id, hash.digest('hex')]);
      hashes.delete(id);
    }
  }
  parentPort.postMessage({ buffer, digests }, [buffer]);
});
`;

/** Bytes gathered before a batch goes to the worker: one message (and one copy) per MiB. */
const BATCH_BYTES = 1024 * 1024;
/** Bytes sent and not yet hashed, beyond which room() asks the caller to wait. */
const MAX_IN_FLIGHT = 4 * 1024 * 1024;
/**
 * Below this many bytes to hash, `HashWorker.for` hashes in line: starting a worker costs
 * 15–40 ms and an isolate's memory, more than hashing a few MiB on this thread (an unchanged
 * re-run hashes only its directory-only archive, docs/benchmarks.md bench 7d).
 */
export const INLINE_HASH_MAX = 8 * 1024 * 1024;

type Op = [id: number, offset: number, length: number, end: 0 | 1];

interface Waiter {
  resolve: (hex: string) => void;
  reject: (err: Error) => void;
}

/**
 * SHA-256 on a second core. A backup, a full verification and a restore each hash every byte
 * (a backup twice: each file, and the encrypted archive), at about 1 GB/s: on the main thread
 * that was a third of the work, next to the encryption it could run beside (docs/benchmarks.md,
 * bench 7). The bytes are copied into 1 MiB batches (memcpy runs ten times faster than SHA-256),
 * and the worker's answers come back in order.
 *
 * Usage: `const h = hasher.start(); h.update(buf); …; const hex = h.digest();` — update() copies,
 * so the caller may reuse its buffer at once. A digest settles once its batch has gone: when
 * later data fills it, or at flush(); so call flush() before awaiting one with nothing to follow. Callers that produce data faster than one
 * core hashes it await `room()` now and then (it returns undefined when there is room), which
 * keeps at most MAX_IN_FLIGHT bytes queued. close() ends the worker; pending digests reject.
 */
export class HashWorker {
  private readonly worker: Worker | null;
  private nextId = 0;
  private staging: Buffer | null = null;
  private used = 0;
  private ops: Op[] = [];
  private inFlight = 0;
  private readonly waiters = new Map<number, Waiter>();
  private roomWaiters: (() => void)[] = [];
  private failure: Error | null = null;
  /**
   * Batch buffers the worker gave back. Reusing them matters: a fresh 1 MiB buffer per batch
   * costs 256 page faults to fill and an munmap to free, which made the worker slower than
   * hashing in line (1.6 s of CPU per GiB instead of 0.75 s).
   */
  private spare: ArrayBuffer[] = [];

  /** A HashWorker for about `bytes` bytes: one hashing in line, without a thread, when that is little. */
  static for(bytes: number): HashWorker {
    return new HashWorker({ inline: bytes < INLINE_HASH_MAX });
  }

  /** `inline`: no thread; every digest is computed on the caller's thread, at once. */
  constructor(opts: { inline?: boolean } = {}) {
    if (opts.inline) {
      this.worker = null;
      return;
    }
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    // Never the reason the process stays up: everything it does is awaited by someone.
    this.worker.unref();
    this.worker.on('message', (reply: { buffer: ArrayBuffer; digests: [number, string][] }) => {
      this.inFlight -= reply.buffer.byteLength;
      if (reply.buffer.byteLength === BATCH_BYTES) this.spare.push(reply.buffer);
      for (const [id, hex] of reply.digests) {
        this.waiters.get(id)?.resolve(hex);
        this.waiters.delete(id);
      }
      if (this.inFlight <= MAX_IN_FLIGHT / 2) this.wake();
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => this.fail(new Error('the hashing worker stopped')));
  }

  /** A new SHA-256. */
  start(): { update: (data: Uint8Array) => void; digest: () => Promise<string> } {
    if (this.worker === null) {
      const hash = createHash('sha256');
      return {
        update: (data) => {
          if (!this.failure) hash.update(data);
        },
        digest: () => (this.failure ? Promise.reject(this.failure) : Promise.resolve(hash.digest('hex'))),
      };
    }
    const id = this.nextId++;
    return {
      update: (data) => this.update(id, data),
      digest: () => this.end(id),
    };
  }

  /** Undefined when more may be sent; otherwise a promise that settles once the worker caught up. */
  room(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.inFlight + this.used <= MAX_IN_FLIGHT) return undefined;
    this.flush();
    return new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  /** Sends what is gathered now (a caller about to wait on a digest needs it hashed). */
  flush(): void {
    if (this.worker === null || this.ops.length === 0 || this.failure) return;
    const buffer = (this.staging?.buffer as ArrayBuffer | undefined) ?? new ArrayBuffer(0);
    const ops = this.ops;
    this.inFlight += buffer.byteLength;
    this.ops = [];
    this.staging = null;
    this.used = 0;
    this.worker.postMessage({ buffer, ops }, [buffer]);
  }

  /** Stops the worker. Digests not yet answered reject. */
  close(): void {
    this.fail(new Error('the hashing worker was closed'));
    this.spare = [];
    void this.worker?.terminate();
  }

  private update(id: number, data: Uint8Array): void {
    if (this.failure) return;
    for (let at = 0; at < data.length; ) {
      if (this.staging === null) {
        // Its own ArrayBuffer (never the shared pool), so that it can be transferred.
        this.staging = Buffer.from(this.spare.pop() ?? new ArrayBuffer(BATCH_BYTES));
        this.used = 0;
      }
      const n = Math.min(data.length - at, BATCH_BYTES - this.used);
      this.staging.set(data.subarray(at, at + n), this.used);
      this.ops.push([id, this.used, n, 0]);
      this.used += n;
      at += n;
      if (this.used === BATCH_BYTES) this.flush();
    }
  }

  private end(id: number): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    const digest = new Promise<string>((resolve, reject) => this.waiters.set(id, { resolve, reject }));
    this.ops.push([id, 0, 0, 1]);
    return digest;
  }

  private wake(): void {
    const waiting = this.roomWaiters;
    this.roomWaiters = [];
    for (const resolve of waiting) resolve();
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const w of this.waiters.values()) w.reject(err);
    this.waiters.clear();
    this.wake();
  }
}
