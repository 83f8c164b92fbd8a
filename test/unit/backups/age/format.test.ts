import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AgeError, type AgeErrorCode, CHUNK_SIZE, generateIdentity, type DecryptOptions } from '../../../../main/backups/age';
import { encodeBase64 } from '../../../../main/backups/age/base64';
import { decodeRecipient } from '../../../../main/backups/age/keyEncoding';
import { payloadKey, sealChunk } from '../../../../main/backups/age/payload';
import { wrapWithPassphrase } from '../../../../main/backups/age/scryptStanza';
import type { Stanza } from '../../../../main/backups/age/Stanza';
import { wrapForX25519 } from '../../../../main/backups/age/x25519Stanza';
import { buildAgeFile, chunksOf, decrypt, encrypt, tryDecrypt } from './ageKit';

const alice = generateIdentity();
const asAlice: DecryptOptions = { identities: [alice.identity] };
const alicePublic = decodeRecipient(alice.recipient);

async function expectAgeError(file: Buffer, options: DecryptOptions, code: AgeErrorCode, message?: RegExp): Promise<Buffer> {
  const r = await tryDecrypt(file, options);
  expect(r.error).toBeInstanceOf(AgeError);
  expect((r.error as AgeError).code).toBe(code);
  if (message) expect((r.error as AgeError).message).toMatch(message);
  return r.output;
}

/** A file for alice with the given extra stanzas around hers and the given chunk layout. */
function fileFor(opts: { before?: Stanza[]; after?: Stanza[]; chunks?: { plaintext: Buffer; last: boolean }[] } = {}) {
  const fileKey = randomBytes(16);
  const stanzas = [...(opts.before ?? []), wrapForX25519(fileKey, alicePublic), ...(opts.after ?? [])];
  return buildAgeFile({ fileKey, stanzas, chunks: opts.chunks ?? chunksOf(Buffer.from('plaintext')) });
}

function headerEnd(file: Buffer): number {
  return file.indexOf('\n', file.indexOf('\n---') + 1) + 1;
}

/** Rewrites the header text of a valid file; the MAC is left as it was. */
function editHeader(file: Buffer, edit: (header: string) => string): Buffer {
  const end = headerEnd(file);
  return Buffer.concat([Buffer.from(edit(file.subarray(0, end).toString('latin1')), 'latin1'), file.subarray(end)]);
}

/** Changes the last base64 character so that it decodes to the same bytes: a non-canonical spelling. */
function nonCanonical(b64: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const last = alphabet.indexOf(b64.at(-1)!);
  return `${b64.slice(0, -1)}${alphabet[last + 1]}`;
}

describe('age header: exact parsing', () => {
  it('writes the header the ABNF describes', async () => {
    const file = await encrypt(Buffer.from('x'), { recipients: [alice.recipient, generateIdentity().recipient] });
    expect(file.subarray(0, headerEnd(file)).toString('latin1')).toMatch(
      /^age-encryption\.org\/v1\n(?:-> X25519 [A-Za-z0-9+/]{43}\n[A-Za-z0-9+/]{43}\n){2}--- [A-Za-z0-9+/]{43}\n$/,
    );
  });

  it('skips stanzas of unknown types (any arguments, multi-line bodies) but still decrypts', async () => {
    const file = fileFor({
      before: [{ args: ['example.com/enigma', 'a-b', '!#$%&'], body: randomBytes(200) }],
      after: [{ args: ['empty-body'], body: Buffer.alloc(0) }, { args: ['exactly-64-columns'], body: randomBytes(48) }],
    });
    const text = file.subarray(0, headerEnd(file)).toString('latin1');
    // 200 bytes are 267 base64 characters: four full lines and an 11-character last line.
    expect(text).toMatch(/^-> example\.com\/enigma a-b !#\$%&\n(?:[A-Za-z0-9+/]{64}\n){4}[A-Za-z0-9+/]{11}\n/m);
    // A body that fills its last line, or is empty, ends with an empty line.
    expect(text).toMatch(/^-> empty-body\n\n/m);
    expect(text).toMatch(/^-> exactly-64-columns\n[A-Za-z0-9+/]{64}\n\n/m);
    expect((await decrypt(file, asAlice)).toString()).toBe('plaintext');
  });

  it('an altered unknown stanza is caught by the header MAC', async () => {
    const file = fileFor({ before: [{ args: ['example.com/enigma', 'AAAA'], body: randomBytes(20) }] });
    await expectAgeError(editHeader(file, (h) => h.replace('enigma AAAA', 'enigma AAAB')), asAlice, 'HEADER_MAC', /header MAC mismatch/);
  });

  it('a wrong MAC, even in valid base64, is a MAC mismatch; a malformed MAC line is a format error', async () => {
    const file = fileFor();
    const wrong = editHeader(file, (h) => h.replace(/--- \S+\n$/, `--- ${encodeBase64(randomBytes(32))}\n`));
    await expectAgeError(wrong, asAlice, 'HEADER_MAC');
    await expectAgeError(editHeader(file, (h) => h.replace(/--- (\S+)\n$/, (_, mac: string) => `--- ${mac.slice(1)}\n`)), asAlice, 'MALFORMED_HEADER', /malformed MAC line/);
    await expectAgeError(editHeader(file, (h) => h.replace(/--- (\S+)\n$/, (_, mac: string) => `--- ${nonCanonical(mac)}\n`)), asAlice, 'MALFORMED_HEADER', /malformed MAC line/);
    await expectAgeError(editHeader(file, (h) => h.replace(/--- (\S+)\n$/, (_, mac: string) => `---  ${mac}\n`)), asAlice, 'MALFORMED_HEADER');
    await expectAgeError(editHeader(file, (h) => h.replace(/--- (\S+)\n$/, (_, mac: string) => `--- ${mac}=\n`)), asAlice, 'MALFORMED_HEADER');
  });

  it.each<[string, (h: string) => string, AgeErrorCode, RegExp]>([
    ['another version', (h) => h.replace('age-encryption.org/v1', 'age-encryption.org/v2'), 'UNSUPPORTED', /unsupported age format version "v2"/],
    ['an empty version', (h) => h.replace('age-encryption.org/v1', 'age-encryption.org/'), 'MALFORMED_HEADER', /malformed version line/],
    ['a version with a space', (h) => h.replace('age-encryption.org/v1', 'age-encryption.org/v1 '), 'MALFORMED_HEADER', /malformed version line/],
    ['CR LF line ends', (h) => h.replace(/\n/g, '\r\n'), 'MALFORMED_HEADER', /CR LF/],
    ['two spaces between arguments', (h) => h.replace('-> X25519 ', '-> X25519  '), 'MALFORMED_HEADER', /malformed stanza line/],
    ['a trailing space on the stanza line', (h) => h.replace(/^(-> X25519 \S+)$/m, '$1 '), 'MALFORMED_HEADER', /malformed stanza line/],
    ['a stanza line without arguments', (h) => h.replace(/^-> X25519 \S+$/m, '->'), 'MALFORMED_HEADER', /expected a stanza/],
    ['a non-ASCII argument', (h) => h.replace('-> X25519 ', '-> X25519\xe9 '), 'MALFORMED_HEADER', /malformed stanza line/],
    ['a padded body', (h) => h.replace(/^(-> X25519 \S+\n)(\S+)$/m, '$1$2='), 'MALFORMED_HEADER', /stanza body must be base64/],
    ['a non-canonical body', (h) => h.replace(/^(-> X25519 \S+\n)(\S+)$/m, (_, a: string, b: string) => `${a}${nonCanonical(b)}`), 'MALFORMED_HEADER', /not canonical/],
    ['a non-canonical ephemeral share', (h) => h.replace(/^-> X25519 (\S+)$/m, (_, s: string) => `-> X25519 ${nonCanonical(s)}`), 'MALFORMED_HEADER', /ephemeral share is not canonical/],
    ['a missing body line', (h) => h.replace(/^(-> X25519 \S+\n)\S+\n/m, '$1'), 'MALFORMED_HEADER', /stanza body must be base64/],
    ['a body line over 64 columns', (h) => h.replace(/^(-> X25519 \S+\n)(\S+)$/m, (_, a: string, b: string) => `${a}${b}${b}`), 'MALFORMED_HEADER', /wrapped at 64 columns/],
    ['a stray line', (h) => h.replace('--- ', 'hello\n--- '), 'MALFORMED_HEADER', /expected a stanza/],
    ['no stanzas at all', (h) => h.replace(/^-> X25519 \S+\n\S+\n/m, ''), 'MALFORMED_HEADER', /no recipient stanzas/],
    ['an X25519 stanza with an extra argument', (h) => h.replace(/^(-> X25519 \S+)$/m, '$1 extra'), 'MALFORMED_HEADER', /X25519 stanza has 2 arguments/],
    ['an X25519 stanza with a 31-byte share', (h) => h.replace(/^-> X25519 \S+$/m, `-> X25519 ${encodeBase64(randomBytes(31))}`), 'MALFORMED_HEADER', /32 bytes/],
    ['an X25519 stanza with a low-order share', (h) => h.replace(/^-> X25519 \S+$/m, `-> X25519 ${encodeBase64(Buffer.alloc(32))}`), 'MALFORMED_HEADER', /low-order/],
  ])('rejects a header with %s', async (_name, edit, code, message) => {
    await expectAgeError(editHeader(fileFor(), edit), asAlice, code, message);
  });

  it('checks the X25519 body length before trying to decrypt (partitioning oracles)', async () => {
    const fileKey = randomBytes(16);
    const good = wrapForX25519(fileKey, alicePublic);
    const file = buildAgeFile({ fileKey, stanzas: [{ args: good.args, body: Buffer.concat([good.body, Buffer.from([0])]) }], chunks: chunksOf(Buffer.from('x')) });
    await expectAgeError(file, asAlice, 'MALFORMED_HEADER', /body is 33 bytes, expected 32/);
  });

  it('recognizes inputs that are not age files at their first bytes', async () => {
    await expectAgeError(Buffer.alloc(0), asAlice, 'NOT_AGE', /empty/);
    await expectAgeError(Buffer.from('PK\x03\x04 a zip file'), asAlice, 'NOT_AGE', /does not start with "age-encryption.org\/"/);
    await expectAgeError(Buffer.from('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n'), asAlice, 'UNSUPPORTED', /ASCII-armored/);
    // A never-ending first line is refused at the first wrong byte, not after buffering it.
    const r = await tryDecrypt(Buffer.concat([Buffer.from('x'), Buffer.alloc(10 * 1024 * 1024, 'y')]), asAlice, 1);
    expect((r.error as AgeError).code).toBe('NOT_AGE');
  });

  it('refuses a header larger than 1 MiB instead of buffering it', async () => {
    const file = fileFor({ before: [{ args: ['big'], body: randomBytes(800 * 1024) }] });
    await expectAgeError(file, asAlice, 'MALFORMED_HEADER', /larger than/);
  });
});

describe('age header: scrypt and keys that do not fit', () => {
  it('an scrypt stanza must be alone: mixed with X25519 or another scrypt stanza is refused', async () => {
    const fileKey = randomBytes(16);
    const scrypt = await wrapWithPassphrase(fileKey, 'pw', 2);
    const chunks = chunksOf(Buffer.from('x'));
    const mixed = buildAgeFile({ fileKey, stanzas: [wrapForX25519(fileKey, alicePublic), scrypt], chunks });
    await expectAgeError(mixed, asAlice, 'MALFORMED_HEADER', /mixes an scrypt/);
    await expectAgeError(mixed, { passphrase: 'pw' }, 'MALFORMED_HEADER', /mixes an scrypt/);
    const twice = buildAgeFile({ fileKey, stanzas: [scrypt, await wrapWithPassphrase(fileKey, 'pw', 2)], chunks });
    await expectAgeError(twice, { passphrase: 'pw' }, 'MALFORMED_HEADER', /mixes an scrypt/);
  });

  it('refuses work factors above maxLogN (default 2^22) before doing any work', async () => {
    const fileKey = randomBytes(16);
    const stanza = (logN: string): Stanza => ({ args: ['scrypt', encodeBase64(randomBytes(16)), logN], body: randomBytes(32) });
    const chunks = chunksOf(Buffer.from('x'));
    const started = Date.now();
    await expectAgeError(buildAgeFile({ fileKey, stanzas: [stanza('23')], chunks }), { passphrase: 'pw' }, 'WORK_FACTOR_TOO_HIGH', /2\^23 is above the limit of 2\^22/);
    await expectAgeError(buildAgeFile({ fileKey, stanzas: [stanza('64')], chunks }), { passphrase: 'pw' }, 'WORK_FACTOR_TOO_HIGH');
    await expectAgeError(buildAgeFile({ fileKey, stanzas: [stanza('99999999999999999999')], chunks }), { passphrase: 'pw' }, 'WORK_FACTOR_TOO_HIGH');
    expect(Date.now() - started).toBeLessThan(2000);
    const ten = await encrypt(Buffer.from('x'), { passphrase: 'pw', logN: 10 });
    await expectAgeError(ten, { passphrase: 'pw', maxLogN: 9 }, 'WORK_FACTOR_TOO_HIGH', /2\^10 is above the limit of 2\^9/);
    expect((await decrypt(ten, { passphrase: 'pw', maxLogN: 10 })).toString()).toBe('x');
  });

  it.each([['08'], ['+8'], ['8.0'], ['0'], ['0x8'], ['eight']])('refuses the work factor spelled %s', async (logN) => {
    const fileKey = randomBytes(16);
    const file = buildAgeFile({ fileKey, stanzas: [{ args: ['scrypt', encodeBase64(randomBytes(16)), logN], body: randomBytes(32) }], chunks: chunksOf(Buffer.from('x')) });
    await expectAgeError(file, { passphrase: 'pw' }, 'MALFORMED_HEADER', /work factor is not a plain decimal/);
  });

  it('refuses scrypt stanzas with a wrong salt, argument count or body length', async () => {
    const fileKey = randomBytes(16);
    const chunks = chunksOf(Buffer.from('x'));
    const salt = encodeBase64(randomBytes(16));
    const cases: [Stanza, RegExp][] = [
      [{ args: ['scrypt', encodeBase64(randomBytes(15)), '2'], body: randomBytes(32) }, /salt is not canonical base64 of 16 bytes/],
      [{ args: ['scrypt', nonCanonical(salt), '2'], body: randomBytes(32) }, /salt is not canonical/],
      [{ args: ['scrypt', salt], body: randomBytes(32) }, /1 arguments, expected 2/],
      [{ args: ['scrypt', salt, '2', 'x'], body: randomBytes(32) }, /3 arguments, expected 2/],
      [{ args: ['scrypt', salt, '2'], body: randomBytes(48) }, /body is 48 bytes/],
    ];
    for (const [stanza, message] of cases) {
      await expectAgeError(buildAgeFile({ fileKey, stanzas: [stanza], chunks }), { passphrase: 'pw' }, 'MALFORMED_HEADER', message);
    }
  });

  it('says clearly when the key does not fit the file', async () => {
    const toAlice = await encrypt(Buffer.from('secret'), { recipients: [alice.recipient] });
    const withPassphrase = await encrypt(Buffer.from('secret'), { passphrase: 'right', logN: 4 });
    await expectAgeError(toAlice, { identities: [generateIdentity().identity, generateIdentity().identity] }, 'NO_MATCH', /no identity matches any recipient stanza/);
    await expectAgeError(withPassphrase, { passphrase: 'wrong' }, 'WRONG_PASSPHRASE', /wrong passphrase/);
    await expectAgeError(withPassphrase, asAlice, 'PASSPHRASE_REQUIRED', /encrypted with a passphrase/);
    await expectAgeError(toAlice, { passphrase: 'right' }, 'IDENTITY_REQUIRED', /encrypted to recipients \(X25519\)/);
    const onlyUnknown = buildAgeFile({ fileKey: randomBytes(16), stanzas: [{ args: ['example.com/enigma'], body: randomBytes(32) }], chunks: chunksOf(Buffer.from('x')) });
    await expectAgeError(onlyUnknown, asAlice, 'NO_MATCH');
  });
});

describe('age payload: STREAM chunking', () => {
  const full = () => randomBytes(CHUNK_SIZE);

  it('accepts a full-size final chunk, alone or after other chunks', async () => {
    const a = full();
    const b = full();
    expect((await decrypt(fileFor({ chunks: [{ plaintext: a, last: true }] }), asAlice)).equals(a)).toBe(true);
    expect((await decrypt(fileFor({ chunks: [{ plaintext: a, last: false }, { plaintext: b, last: true }] }), asAlice)).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('accepts an empty final chunk only when the whole payload is empty', async () => {
    expect(await decrypt(fileFor({ chunks: [{ plaintext: Buffer.alloc(0), last: true }] }), asAlice)).toHaveLength(0);
    const out = await expectAgeError(fileFor({ chunks: [{ plaintext: full(), last: false }, { plaintext: Buffer.alloc(0), last: true }] }), asAlice, 'MALFORMED_PAYLOAD', /final chunk \(chunk 1\) is empty/);
    // The full first chunk was authentic and may have been passed on; the stream still fails.
    expect(out.length === 0 || out.length === CHUNK_SIZE).toBe(true);
  });

  it('a payload with no chunk at all, or a cut nonce, is truncated', async () => {
    const file = fileFor();
    const payloadStart = headerEnd(file);
    await expectAgeError(file.subarray(0, payloadStart + 16), asAlice, 'TRUNCATED', /payload has no chunks/);
    await expectAgeError(file.subarray(0, payloadStart + 5), asAlice, 'TRUNCATED', /nonce is incomplete/);
    await expectAgeError(file.subarray(0, payloadStart - 1), asAlice, 'TRUNCATED', /header is incomplete/);
    await expectAgeError(file.subarray(0, payloadStart + 16 + 10), asAlice, 'TRUNCATED', /chunk 0 is incomplete/);
  });

  it('a file cut at a chunk boundary is reported as truncated, after emitting only the authentic chunks', async () => {
    const plain = randomBytes(3 * CHUNK_SIZE + 100);
    const file = fileFor({ chunks: chunksOf(plain) });
    const cut = file.subarray(0, headerEnd(file) + 16 + 2 * (CHUNK_SIZE + 16));
    const out = await expectAgeError(cut, asAlice, 'TRUNCATED', /ends after chunk 1, which is not the final chunk/);
    expect(out.equals(plain.subarray(0, out.length))).toBe(true);
    expect(out.length).toBe(CHUNK_SIZE);
  });

  it('detects swapped chunks', async () => {
    const plain = randomBytes(3 * CHUNK_SIZE);
    const fileKey = randomBytes(16);
    const nonce = randomBytes(16);
    const key = payloadKey(fileKey, nonce);
    const sealed = chunksOf(plain).map((c, i) => sealChunk(key, i, c.last, c.plaintext));
    const header = buildAgeFile({ fileKey, nonce, stanzas: [wrapForX25519(fileKey, alicePublic)], chunks: [] });
    const out = await expectAgeError(Buffer.concat([header, sealed[1]!, sealed[0]!, sealed[2]!]), asAlice, 'PAYLOAD_AUTH', /payload chunk 0 failed authentication/);
    expect(out).toHaveLength(0);
  });

  it('detects a final chunk followed by more data', async () => {
    const a = full();
    const b = randomBytes(10);
    const early = fileFor({ chunks: [{ plaintext: a, last: true }, { plaintext: b, last: true }] });
    await expectAgeError(early, asAlice, 'TRAILING_DATA', /continues after its final chunk \(chunk 0\)/);
    const valid = await encrypt(randomBytes(CHUNK_SIZE), { recipients: [alice.recipient] });
    await expectAgeError(Buffer.concat([valid, randomBytes(5)]), asAlice, 'TRAILING_DATA');
    // A few stray bytes after a short final chunk make it fail authentication instead.
    const short = await encrypt(randomBytes(100), { recipients: [alice.recipient] });
    await expectAgeError(Buffer.concat([short, Buffer.from('\n')]), asAlice, 'PAYLOAD_AUTH');
  });

  it.each([[0], [100], [CHUNK_SIZE], [CHUNK_SIZE + 1]])('two age files of %i bytes back to back are not one file', async (size) => {
    const one = await encrypt(randomBytes(size), { recipients: [alice.recipient] });
    const r = await tryDecrypt(Buffer.concat([one, one]), asAlice);
    expect(r.error).toBeInstanceOf(AgeError);
    // Where the second header lands on a chunk boundary the cause is known; elsewhere it is garbage in a chunk.
    expect(['TRAILING_DATA', 'PAYLOAD_AUTH']).toContain((r.error as AgeError).code);
  });
});
