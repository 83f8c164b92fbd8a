import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AgeError, CHUNK_SIZE, generateIdentity, type DecryptOptions } from '../../../../main/backups/age';
import { encrypt, tryDecrypt, type Outcome } from './ageKit';

// Property: however a file is damaged (bits flipped anywhere, or cut anywhere), decryption
// fails with an AgeError, and what it emitted before failing is whole chunks of the original
// plaintext, none from at or after the damage: no unauthenticated byte ever leaves the stream.

const ENCRYPTED_CHUNK = CHUNK_SIZE + 16;
const alice = generateIdentity();
const PLAIN = randomBytes(3 * CHUNK_SIZE + 1234);
const WRITE_SIZES = fc.constantFrom(100, 4096, 65536, 65553, 1 << 20);

interface Sample {
  file: Buffer;
  options: DecryptOptions;
  /** Where the payload's first chunk starts (after header and nonce). */
  chunksStart: number;
}

async function sample(kind: 'x25519' | 'scrypt'): Promise<Sample> {
  const file =
    kind === 'x25519'
      ? await encrypt(PLAIN, { recipients: [alice.recipient, generateIdentity().recipient] })
      : await encrypt(PLAIN, { passphrase: 'pass phrase', logN: 2 });
  const headerEnd = file.indexOf('\n', file.indexOf('\n---') + 1) + 1;
  return { file, options: kind === 'x25519' ? { identities: [alice.identity] } : { passphrase: 'pass phrase' }, chunksStart: headerEnd + 16 };
}

/** How many whole chunks precede the first damaged byte: the most that may be emitted. */
function authenticChunksBefore(s: Sample, firstDamaged: number): number {
  return firstDamaged < s.chunksStart ? 0 : Math.floor((firstDamaged - s.chunksStart) / ENCRYPTED_CHUNK);
}

function expectSafeFailure(r: Outcome, maxChunks: number): void {
  expect(r.error).toBeInstanceOf(AgeError);
  expect((r.error as AgeError).message.length).toBeGreaterThan(10);
  expect(r.output.length % CHUNK_SIZE).toBe(0);
  expect(r.output.length).toBeLessThanOrEqual(maxChunks * CHUNK_SIZE);
  expect(r.output.equals(PLAIN.subarray(0, r.output.length))).toBe(true);
}

function flipped(file: Buffer, bits: number[]): Buffer {
  const out = Buffer.from(file);
  for (const bit of bits) out[bit >> 3] = out[bit >> 3]! ^ (1 << (bit & 7));
  return out;
}

describe('age decryption of damaged files', () => {
  it.each(['x25519', 'scrypt'] as const)('%s: bits flipped anywhere in the file', async (kind) => {
    const s = await sample(kind);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat(s.file.length * 8 - 1), { minLength: 1, maxLength: 4 }), WRITE_SIZES, async (bits, writeSize) => {
        const r = await tryDecrypt(flipped(s.file, bits), s.options, writeSize);
        expectSafeFailure(r, authenticChunksBefore(s, Math.min(...bits) >> 3));
      }),
      { numRuns: kind === 'x25519' ? 500 : 150 },
    );
  });

  it.each(['x25519', 'scrypt'] as const)('%s: bits flipped in the header', async (kind) => {
    const s = await sample(kind);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.nat((s.chunksStart - 16) * 8 - 1), { minLength: 1, maxLength: 3 }), WRITE_SIZES, async (bits, writeSize) => {
        const r = await tryDecrypt(flipped(s.file, bits), s.options, writeSize);
        expectSafeFailure(r, 0);
        expect(['NOT_AGE', 'UNSUPPORTED', 'MALFORMED_HEADER', 'NO_MATCH', 'WRONG_PASSPHRASE', 'HEADER_MAC', 'TRUNCATED', 'IDENTITY_REQUIRED', 'PASSPHRASE_REQUIRED', 'WORK_FACTOR_TOO_HIGH']).toContain(
          (r.error as AgeError).code,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('bits flipped in the payload name the chunk that failed', async () => {
    const s = await sample('x25519');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: s.chunksStart * 8, max: s.file.length * 8 - 1 }), async (bit) => {
        const r = await tryDecrypt(flipped(s.file, [bit]), s.options);
        const chunk = authenticChunksBefore(s, bit >> 3);
        expectSafeFailure(r, chunk);
        expect((r.error as AgeError).message).toMatch(new RegExp(`^payload chunk ${chunk} failed authentication: the file is damaged`));
        expect(r.output.length).toBe(chunk * CHUNK_SIZE);
      }),
      { numRuns: 200 },
    );
  });

  it.each(['x25519', 'scrypt'] as const)('%s: the file cut at any offset', async (kind) => {
    const s = await sample(kind);
    await fc.assert(
      fc.asyncProperty(fc.nat(s.file.length - 1), WRITE_SIZES, async (length, writeSize) => {
        const r = await tryDecrypt(s.file.subarray(0, length), s.options, writeSize);
        expectSafeFailure(r, authenticChunksBefore(s, length));
        expect(['NOT_AGE', 'TRUNCATED', 'PAYLOAD_AUTH']).toContain((r.error as AgeError).code);
      }),
      { numRuns: kind === 'x25519' ? 300 : 100, examples: [[0, 100], [s.chunksStart, 100], [s.chunksStart + ENCRYPTED_CHUNK, 65536], [s.file.length - 1, 4096]] },
    );
  });

  it('the intact sample decrypts (the properties above are not vacuous)', async () => {
    for (const kind of ['x25519', 'scrypt'] as const) {
      const s = await sample(kind);
      const r = await tryDecrypt(s.file, s.options);
      expect(r.error).toBeNull();
      expect(r.output.equals(PLAIN)).toBe(true);
    }
  });
});
