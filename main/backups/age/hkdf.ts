import { hkdfSync } from 'node:crypto';

/** HKDF-SHA-256 with 32 bytes of output, the only form c2sp.org/age uses. */
export function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}
