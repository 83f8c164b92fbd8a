import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgeError, CHUNK_SIZE, createDecryptStream, createEncryptStream, generateIdentity } from '../../../../main/backups/age';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { decrypt, encrypt, tryDecrypt } from './ageKit';

const SIZES = [0, 1, 65535, 65536, 65537, 131072, 3 * 1024 * 1024 + 12345];
const TAG = 16;

/** Header + 16-byte nonce + one 16-byte tag per chunk, with ⌈n / 64 KiB⌉ chunks and at least one. */
function expectedPayloadLength(size: number): number {
  return 16 + size + TAG * Math.max(1, Math.ceil(size / CHUNK_SIZE));
}

let dir: string;
beforeEach(() => {
  dir = makeTempDataDir('age-roundtrip');
});
afterEach(() => removeTempDataDir(dir));

describe('age round trip through files on disk', () => {
  const alice = generateIdentity();

  it.each(SIZES)('%i bytes to an X25519 recipient come back byte-identical, chunked as the spec says', async (size) => {
    const plain = randomBytes(size);
    const [src, enc, out] = ['plain', 'plain.age', 'plain.out'].map((n) => join(dir, n)) as [string, string, string];
    writeFileSync(src, plain);
    await pipeline(createReadStream(src), createEncryptStream({ recipients: [alice.recipient] }), createWriteStream(enc));
    await pipeline(createReadStream(enc), createDecryptStream({ identities: [alice.identity] }), createWriteStream(out));
    expect(readFileSync(out).equals(plain)).toBe(true);

    const file = readFileSync(enc);
    const headerLength = file.indexOf('\n', file.indexOf('\n---') + 1) + 1;
    // A full last chunk stays the final chunk: no empty chunk is appended after it.
    expect(statSync(enc).size - headerLength).toBe(expectedPayloadLength(size));
  });

  it.each([0, 65536, 65537])('%i bytes with a passphrase (scrypt) come back byte-identical', async (size) => {
    const plain = randomBytes(size);
    const file = await encrypt(plain, { passphrase: 'correct horse battery staple', logN: 4 });
    expect(file.toString('latin1')).toMatch(/^age-encryption\.org\/v1\n-> scrypt [A-Za-z0-9+/]{22} 4\n[A-Za-z0-9+/]{43}\n--- [A-Za-z0-9+/]{43}\n/);
    expect((await decrypt(file, { passphrase: 'correct horse battery staple' })).equals(plain)).toBe(true);
  });

  it('scrypt defaults to a work factor of 2^18 on encryption', async () => {
    const file = await encrypt(Buffer.from('x'), { passphrase: 'pw' });
    expect(file.toString('latin1').split('\n')[1]).toMatch(/^-> scrypt \S+ 18$/);
  });

  it('encrypts to several recipients; each identity alone decrypts', async () => {
    const people = [generateIdentity(), generateIdentity(), generateIdentity()];
    const plain = randomBytes(100_000);
    const file = await encrypt(plain, { recipients: people.map((p) => p.recipient) });
    expect(file.toString('latin1').match(/^-> X25519 /gm)).toHaveLength(3);
    for (const p of people) expect((await decrypt(file, { identities: [p.identity] })).equals(plain)).toBe(true);
    const stranger = generateIdentity();
    expect((await decrypt(file, { identities: [stranger.identity, people[2]!.identity] })).equals(plain)).toBe(true);
  });

  it('the result does not depend on how the input is split into writes', async () => {
    // Byte-at-a-time writes cross every header line and chunk boundary; kept small for speed.
    for (const [size, writeSize] of [[70_000, 1], [70_000, 7], [200_000, 4096], [200_000, 65536], [200_000, 65537], [200_000, 1_000_000]] as const) {
      const plain = randomBytes(size);
      const file = await encrypt(plain, { recipients: [alice.recipient] }, writeSize);
      expect((await decrypt(file, { identities: [alice.identity] }, writeSize)).equals(plain)).toBe(true);
    }
  });

  it.each([4 * CHUNK_SIZE, 4 * CHUNK_SIZE + 1, 5 * CHUNK_SIZE, 17 * CHUNK_SIZE - 1, 40 * CHUNK_SIZE])(
    '%i bytes in one write (several chunks sealed into one output buffer) come back, chunked as the spec says',
    async (size) => {
      const plain = randomBytes(size);
      const parts: Buffer[] = [];
      await pipeline(Readable.from([plain]), createEncryptStream({ recipients: [alice.recipient] }), new Writable({
        write(chunk: Buffer, _e, cb) {
          parts.push(chunk);
          cb();
        },
      }));
      const file = Buffer.concat(parts);
      const header = file.indexOf('\n---') + 1;
      const headerEnd = file.indexOf('\n', header) + 1;
      expect(file.length - headerEnd).toBe(expectedPayloadLength(size));
      expect((await decrypt(file, { identities: [alice.identity] }, 1024 * 1024)).equals(plain)).toBe(true);
    },
  );

  it('every encryption is fresh: new file key, nonce and ephemeral share', async () => {
    const plain = Buffer.from('same input');
    const [a, b] = [await encrypt(plain, { recipients: [alice.recipient] }), await encrypt(plain, { recipients: [alice.recipient] })];
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1').split('\n')[1]).not.toBe(b.toString('latin1').split('\n')[1]);
  });

  it('streams: 32 MiB pass through encrypt and decrypt with under 512 KiB in flight at any time', async () => {
    const total = 32 * 1024 * 1024;
    let produced = 0;
    let producedAtFirstOutput = -1;
    const inHash = createHash('sha256');
    const outHash = createHash('sha256');
    async function* source() {
      while (produced < total) {
        const piece = randomBytes(Math.min(50_000, total - produced));
        produced += piece.length;
        inHash.update(piece);
        yield piece;
      }
    }
    // Bytes read from the source but not yet out of the pipeline: what all its buffers hold.
    let consumed = 0;
    let maxInFlight = 0;
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        if (producedAtFirstOutput < 0) producedAtFirstOutput = produced;
        consumed += chunk.length;
        maxInFlight = Math.max(maxInFlight, produced - consumed);
        outHash.update(chunk);
        cb();
      },
    });
    await pipeline(
      Readable.from(source()),
      createEncryptStream({ recipients: [alice.recipient] }),
      createDecryptStream({ identities: [alice.identity] }),
      sink,
    );
    expect(outHash.digest('hex')).toBe(inHash.digest('hex'));
    expect(producedAtFirstOutput).toBeGreaterThan(0);
    expect(producedAtFirstOutput).toBeLessThan(1024 * 1024);
    // A few chunks plus stream buffers at any time, whatever the total: constant memory.
    expect(maxInFlight).toBeLessThan(512 * 1024);
  });

  it('emits decrypted plaintext one authenticated chunk at a time', async () => {
    const plain = randomBytes(3 * CHUNK_SIZE + 5);
    const file = await encrypt(plain, { recipients: [alice.recipient] });
    const r = await tryDecrypt(file, { identities: [alice.identity] }, 1000);
    expect(r.error).toBeNull();
    expect(r.pushes).toEqual([CHUNK_SIZE, CHUNK_SIZE, CHUNK_SIZE, 5]);
  });

  it('refuses bad options before writing anything', () => {
    expect(() => createEncryptStream({ recipients: [] })).toThrow(/at least one recipient/);
    expect(() => createEncryptStream({ recipients: ['age1nope'] })).toThrow(AgeError);
    expect(() => createEncryptStream({ passphrase: '' })).toThrow(/must not be empty/);
    expect(() => createEncryptStream({ passphrase: 'x', logN: 0 })).toThrow(/logN/);
    expect(() => createEncryptStream({ passphrase: 'x', logN: 2.5 })).toThrow(/logN/);
    expect(() => createDecryptStream({ identities: [] })).toThrow(/at least one identity/);
    expect(() => createDecryptStream({ identities: [alice.recipient] })).toThrow(/not a valid age X25519 identity/);
    expect(() => createDecryptStream({ passphrase: 'x', maxLogN: 99 })).toThrow(/maxLogN/);
  });

  it('an identity pipeline composes with other transforms (a tar stream stand-in)', async () => {
    const upper = new Transform({
      transform(chunk: Buffer, _e, cb) {
        cb(null, Buffer.from(chunk.toString('latin1').toUpperCase(), 'latin1'));
      },
    });
    const file = join(dir, 'x.age');
    await pipeline(Readable.from([Buffer.from('hello '), Buffer.from('world')]), upper, createEncryptStream({ recipients: [alice.recipient] }), createWriteStream(file));
    expect((await decrypt(readFileSync(file), { identities: [alice.identity] })).toString()).toBe('HELLO WORLD');
  });
});
