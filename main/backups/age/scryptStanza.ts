import { randomBytes, scrypt } from 'node:crypto';
import { AgeError } from './AgeError';
import { decodeBase64, encodeBase64 } from './base64';
import { open, seal } from './chacha20Poly1305';
import type { Stanza } from './Stanza';

// c2sp.org/age, "scrypt recipient stanza".
const SALT_LABEL = Buffer.from('age-encryption.org/v1/scrypt', 'ascii');
const SALT_LENGTH = 16;
const ZERO_NONCE = Buffer.alloc(12);
const WRAPPED_KEY_LENGTH = 32;
const R = 8;
const P = 1;

export const SCRYPT_STANZA_TYPE = 'scrypt';
/** age's own default: about a second on a laptop. */
export const DEFAULT_LOG_N = 18;
/** age's own decryption ceiling: 2^22 × 1 KiB = 4 GiB of memory, beyond which a file is a denial of service. */
export const DEFAULT_MAX_LOG_N = 22;
/** Upper bound for encryption; beyond this scrypt would need more memory than a machine has. */
export const MAX_LOG_N = 30;

/** Runs on libuv's thread pool, so seconds of key stretching never block the event loop. */
function deriveWrapKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    // The passphrase is used as UTF-8 bytes, unnormalized, exactly as the age CLI does.
    scrypt(Buffer.from(passphrase, 'utf8'), Buffer.concat([SALT_LABEL, salt]), 32, { N, r: R, p: P, maxmem: 128 * R * N * 2 + 1024 * 1024 }, (err, key) =>
      err ? reject(new AgeError('WORK_FACTOR_TOO_HIGH', `scrypt with work factor 2^${logN} failed: ${err.message}`, { cause: err })) : resolve(key),
    );
  });
}

export async function wrapWithPassphrase(fileKey: Buffer, passphrase: string, logN: number): Promise<Stanza> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await deriveWrapKey(passphrase, salt, logN);
  return { args: [SCRYPT_STANZA_TYPE, encodeBase64(salt), String(logN)], body: seal(key, ZERO_NONCE, fileKey) };
}

export async function unwrapScrypt(stanza: Stanza, passphrase: string, maxLogN: number): Promise<Buffer> {
  if (stanza.args.length !== 3) throw new AgeError('MALFORMED_HEADER', `scrypt stanza has ${stanza.args.length - 1} arguments, expected 2`);
  const salt = decodeBase64(stanza.args[1]!);
  if (!salt || salt.length !== SALT_LENGTH) throw new AgeError('MALFORMED_HEADER', 'scrypt stanza: the salt is not canonical base64 of 16 bytes');
  const logNText = stanza.args[2]!;
  // No sign, no leading zero, nothing but digits (c2sp.org/age): one spelling per work factor.
  if (!/^[1-9][0-9]*$/.test(logNText)) throw new AgeError('MALFORMED_HEADER', 'scrypt stanza: the work factor is not a plain decimal number');
  const logN = Number(logNText);
  if (logN > maxLogN) {
    throw new AgeError('WORK_FACTOR_TOO_HIGH', `scrypt work factor 2^${logN} is above the limit of 2^${maxLogN}: refusing it (raise maxLogN only for a file you trust)`);
  }
  if (stanza.body.length !== WRAPPED_KEY_LENGTH) throw new AgeError('MALFORMED_HEADER', `scrypt stanza body is ${stanza.body.length} bytes, expected ${WRAPPED_KEY_LENGTH}`);
  const fileKey = open(await deriveWrapKey(passphrase, salt, logN), ZERO_NONCE, stanza.body);
  if (!fileKey) throw new AgeError('WRONG_PASSPHRASE', 'wrong passphrase (or the scrypt stanza is damaged)');
  return fileKey;
}
