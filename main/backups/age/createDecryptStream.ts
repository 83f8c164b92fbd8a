import { Transform, type TransformCallback } from 'node:stream';
import { AgeError } from './AgeError';
import { ByteQueue } from './ByteQueue';
import { HeaderReader } from './HeaderReader';
import { decodeIdentity } from './keyEncoding';
import { ENCRYPTED_CHUNK_SIZE, openChunk, PAYLOAD_NONCE_LENGTH, payloadKey, TAG_LENGTH } from './payload';
import { DEFAULT_MAX_LOG_N, MAX_LOG_N } from './scryptStanza';
import { toAgeError } from './toAgeError';
import { unwrapFileKey, type FileKeySource } from './unwrapFileKey';
import { x25519PublicKey } from './x25519';

export type DecryptOptions =
  /** AGE-SECRET-KEY-1… strings; see parseIdentityFile for reading them from a key file. */
  | { identities: readonly string[] }
  /** `maxLogN` caps the scrypt work factor a file may demand: 22 (age's own limit) unless given. */
  | { passphrase: string; maxLogN?: number };

function sourceFor(options: DecryptOptions): FileKeySource {
  if ('identities' in options) {
    if (options.identities.length === 0) throw new AgeError('INVALID_OPTIONS', 'at least one identity is required');
    return {
      identities: options.identities.map((identity) => {
        const secret = decodeIdentity(identity);
        return { secret, publicKey: x25519PublicKey(secret) };
      }),
    };
  }
  const maxLogN = options.maxLogN ?? DEFAULT_MAX_LOG_N;
  if (typeof options.passphrase !== 'string' || options.passphrase.length === 0) throw new AgeError('INVALID_OPTIONS', 'the passphrase must not be empty');
  if (!Number.isInteger(maxLogN) || maxLogN < 1 || maxLogN > MAX_LOG_N) throw new AgeError('INVALID_OPTIONS', `maxLogN must be an integer from 1 to ${MAX_LOG_N}`);
  return { passphrase: options.passphrase, maxLogN };
}

function forget(source: FileKeySource): void {
  if ('identities' in source) for (const identity of source.identities) identity.secret.fill(0);
}

/**
 * Decrypts an age v1 file (c2sp.org/age) as a stream, in about one chunk of memory.
 *
 * Plaintext leaves only chunk by chunk, each after its own authentication succeeded; the stream
 * fails with an AgeError on a bad key, a damaged or truncated file, or data after the end. What
 * was emitted before such an error is authentic but incomplete, so a consumer must treat the
 * output as valid only once the stream has ended without error.
 */
export function createDecryptStream(options: DecryptOptions): Transform {
  const source = sourceFor(options);
  const reader = new HeaderReader();
  const pending = new ByteQueue();
  let fileKey: Buffer | null = null;
  let key: Buffer | null = null;
  let counter = 0;

  async function consume(stream: Transform, data: Buffer): Promise<void> {
    if (!reader.header) {
      const rest = reader.push(data);
      if (rest === null) return;
      pending.push(rest);
      try {
        fileKey = await unwrapFileKey(reader.header!, source);
      } finally {
        forget(source);
      }
    } else {
      pending.push(data);
    }
    if (!key) {
      if (pending.length < PAYLOAD_NONCE_LENGTH) return;
      key = payloadKey(fileKey!, pending.take(PAYLOAD_NONCE_LENGTH));
      fileKey!.fill(0);
    }
    // Only a chunk with more bytes after it is certainly not the final one.
    while (pending.length > ENCRYPTED_CHUNK_SIZE) {
      const sealed = pending.take(ENCRYPTED_CHUNK_SIZE);
      const plaintext = openChunk(key, counter, false, sealed);
      if (!plaintext) {
        if (openChunk(key, counter, true, sealed)) {
          throw new AgeError('TRAILING_DATA', `the file continues after its final chunk (chunk ${counter}): data was appended or the file is damaged`);
        }
        throw new AgeError('PAYLOAD_AUTH', `payload chunk ${counter} failed authentication: the file is damaged`);
      }
      stream.push(plaintext);
      counter++;
    }
  }

  function finish(stream: Transform): void {
    if (!reader.header) {
      if (reader.bytesSeen === 0) throw new AgeError('NOT_AGE', 'the input is empty: not an age file');
      throw new AgeError('TRUNCATED', 'file is truncated: the header is incomplete');
    }
    if (!key) throw new AgeError('TRUNCATED', 'file is truncated: the payload nonce is incomplete');
    const sealed = pending.takeAll();
    if (sealed.length < TAG_LENGTH) {
      throw new AgeError('TRUNCATED', sealed.length === 0 ? 'file is truncated: the payload has no chunks' : `file is truncated: chunk ${counter} is incomplete`);
    }
    const plaintext = openChunk(key, counter, true, sealed);
    if (!plaintext) {
      if (openChunk(key, counter, false, sealed)) {
        throw new AgeError('TRUNCATED', `file is truncated: it ends after chunk ${counter}, which is not the final chunk`);
      }
      throw new AgeError('PAYLOAD_AUTH', `payload chunk ${counter} failed authentication: the file is damaged or truncated`);
    }
    // c2sp.org/age: the final chunk "MUST NOT be empty unless the whole payload is empty".
    if (plaintext.length === 0 && counter > 0) {
      throw new AgeError('MALFORMED_PAYLOAD', `the final chunk (chunk ${counter}) is empty, which the age format forbids after a full chunk`);
    }
    stream.push(plaintext);
    key.fill(0);
  }

  return new Transform({
    transform(this: Transform, chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      consume(this, chunk).then(
        () => callback(),
        (err: unknown) => callback(toAgeError(err, 'decryption failed')),
      );
    },
    flush(this: Transform, callback: TransformCallback) {
      try {
        finish(this);
        callback();
      } catch (err) {
        callback(toAgeError(err, 'decryption failed'));
      }
    },
  });
}
