import { createCipheriv, createDecipheriv } from 'node:crypto';

const TAG_LENGTH = 16;

export const CHACHA_TAG_LENGTH = TAG_LENGTH;

export function seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_LENGTH });
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/**
 * seal, written into `out` at `offset` (which must have room for the plaintext and the tag)
 * instead of a new buffer: the encrypting stream seals many chunks into one output buffer.
 * Returns the number of bytes written.
 */
export function sealInto(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, out: Buffer, offset: number): number {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_LENGTH });
  let at = offset;
  at += cipher.update(plaintext).copy(out, at);
  at += cipher.final().copy(out, at);
  at += cipher.getAuthTag().copy(out, at);
  return at - offset;
}

/**
 * Null when authentication fails. Node's decipher hands out plaintext from update() before
 * final() has checked the tag, so nothing is returned until final() has succeeded.
 */
export function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Buffer | null {
  if (sealed.length < TAG_LENGTH) return null;
  const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_LENGTH });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
  const head = decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
  try {
    const tail = decipher.final();
    // A stream cipher: final() only checks the tag and gives nothing, so no copy is needed.
    return tail.length === 0 ? head : Buffer.concat([head, tail]);
  } catch {
    head.fill(0);
    return null;
  }
}
