import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AgeError } from './AgeError';
import { ByteQueue } from './ByteQueue';
import { formatHeader } from './formatHeader';
import { decodeRecipient } from './keyEncoding';
import { CHUNK_SIZE, ENCRYPTED_CHUNK_SIZE, PAYLOAD_NONCE_LENGTH, payloadKey, sealChunk, sealChunkInto } from './payload';
import { DEFAULT_LOG_N, MAX_LOG_N, wrapWithPassphrase } from './scryptStanza';
import type { Stanza } from './Stanza';
import { toAgeError } from './toAgeError';
import { wrapForX25519 } from './x25519Stanza';

const FILE_KEY_LENGTH = 16;

/**
 * Plaintext gathered before sealing: the chunks are sealed together into one output buffer, so
 * that what follows (hashing, the file write) sees 256 KiB pieces or more, not a 64 KiB chunk at a time
 * (a write per chunk cost more than the encryption, docs/benchmarks.md bench 7).
 */
const BATCH_CHUNKS = 4;

export type EncryptOptions =
  | { recipients: readonly string[] }
  /** `logN` is the base-2 log of scrypt's work factor: 18 (age's default) unless given. */
  | { passphrase: string; logN?: number };

type Plan = { recipients: Buffer[] } | { passphrase: string; logN: number };

/** Validates everything up front, so a bad recipient fails before any byte is written. */
function planFor(options: EncryptOptions): Plan {
  if ('recipients' in options) {
    if (options.recipients.length === 0) throw new AgeError('INVALID_OPTIONS', 'at least one recipient is required');
    return { recipients: options.recipients.map(decodeRecipient) };
  }
  const logN = options.logN ?? DEFAULT_LOG_N;
  if (typeof options.passphrase !== 'string' || options.passphrase.length === 0) throw new AgeError('INVALID_OPTIONS', 'the passphrase must not be empty');
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_LOG_N) throw new AgeError('INVALID_OPTIONS', `scrypt logN must be an integer from 1 to ${MAX_LOG_N}`);
  return { passphrase: options.passphrase, logN };
}

async function wrapFileKey(plan: Plan, fileKey: Buffer): Promise<Stanza[]> {
  if ('recipients' in plan) return plan.recipients.map((r) => wrapForX25519(fileKey, r));
  return [await wrapWithPassphrase(fileKey, plan.passphrase, plan.logN)];
}

/**
 * Encrypts a byte stream to the age v1 format (c2sp.org/age): X25519 recipients, or one
 * passphrase. Memory stays at about one chunk whatever the size of the input.
 */
export function createEncryptStream(options: EncryptOptions): Transform {
  const plan = planFor(options);
  const pending = new ByteQueue();
  let key: Buffer | null = null;
  let counter = 0;

  /** Header and payload nonce go out before the first chunk; scrypt makes this asynchronous. */
  async function start(stream: Transform): Promise<Buffer> {
    if (key) return key;
    const fileKey = randomBytes(FILE_KEY_LENGTH);
    try {
      const header = formatHeader(await wrapFileKey(plan, fileKey), fileKey);
      const nonce = randomBytes(PAYLOAD_NONCE_LENGTH);
      key = payloadKey(fileKey, nonce);
      stream.push(Buffer.concat([header, nonce]));
      return key;
    } finally {
      fileKey.fill(0);
    }
  }

  /** Seals every chunk that certainly has more data after it, into one buffer. */
  async function sealFull(stream: Transform): Promise<void> {
    const k = await start(stream);
    const chunks = Math.floor((pending.length - 1) / CHUNK_SIZE);
    if (chunks <= 0) return;
    const out = Buffer.allocUnsafe(chunks * ENCRYPTED_CHUNK_SIZE);
    let at = 0;
    for (let i = 0; i < chunks; i++) at += sealChunkInto(k, counter++, false, pending.take(CHUNK_SIZE), out, at);
    stream.push(out);
  }

  async function sealFinal(stream: Transform): Promise<void> {
    const k = await start(stream);
    await sealFull(stream);
    stream.push(sealChunk(k, counter++, true, pending.takeAll()));
    k.fill(0);
  }

  return new Transform({
    transform(this: Transform, chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      pending.push(chunk);
      // A chunk is sealed as non-final only once more data follows it: the final chunk may be
      // full-sized but must not be empty unless the whole file is (c2sp.org/age, "Payload").
      if (pending.length <= BATCH_CHUNKS * CHUNK_SIZE) {
        callback();
        return;
      }
      sealFull(this).then(
        () => callback(),
        (err: unknown) => callback(toAgeError(err, 'encryption failed')),
      );
    },
    flush(this: Transform, callback: TransformCallback) {
      sealFinal(this).then(
        () => callback(),
        (err: unknown) => callback(toAgeError(err, 'encryption failed')),
      );
    },
  });
}
