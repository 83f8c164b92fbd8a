import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { KdfParams } from './vaultFile';

/** ARCHITECTURE.md §3: scrypt with N ≥ 2^17 for passphrases. */
export const DEFAULT_LOG_N = 17;

export function newKdfParams(logN: number): KdfParams {
  return { name: 'scrypt', logN, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
}

/** Runs on libuv's thread pool, so a 0.3 s derivation never blocks the event loop. */
export function deriveKek(secret: string, kdf: KdfParams): Promise<Buffer> {
  const N = 2 ** kdf.logN;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export interface Wrapped {
  nonce: string;
  ciphertext: string;
  tag: string;
}

/** AES-256-GCM; the slot id and user are authenticated data, so slots cannot be swapped. */
export function wrapKey(kek: Buffer, dataKey: Buffer, aad: string): Wrapped {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Null when the key-encryption key is wrong (authentication fails). */
export function unwrapKey(kek: Buffer, w: Wrapped, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.nonce, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(w.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
