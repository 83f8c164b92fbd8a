import { open, seal, sealInto, CHACHA_TAG_LENGTH } from './chacha20Poly1305';
import { hkdf } from './hkdf';

// c2sp.org/age, "Payload": the STREAM construction over 64 KiB chunks.
export const CHUNK_SIZE = 64 * 1024;
export const ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + CHACHA_TAG_LENGTH;
export const PAYLOAD_NONCE_LENGTH = 16;
export const TAG_LENGTH = CHACHA_TAG_LENGTH;
/** The nonce holds an 11-byte counter; 2^48 chunks (16 EiB) is as far as a JS number counts exactly here. */
export const MAX_CHUNKS = 2 ** 48;

export function payloadKey(fileKey: Buffer, nonce: Buffer): Buffer {
  return hkdf(fileKey, nonce, 'payload');
}

/** 11-byte big-endian chunk counter, then 0x01 on the final chunk and 0x00 before it. */
function chunkNonce(counter: number, last: boolean): Buffer {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= MAX_CHUNKS) throw new RangeError('age: chunk counter out of range');
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export function sealChunk(key: Buffer, counter: number, last: boolean, plaintext: Uint8Array): Buffer {
  return seal(key, chunkNonce(counter, last), plaintext);
}

/** sealChunk into `out` at `offset`; returns the bytes written (plaintext length + tag). */
export function sealChunkInto(key: Buffer, counter: number, last: boolean, plaintext: Uint8Array, out: Buffer, offset: number): number {
  return sealInto(key, chunkNonce(counter, last), plaintext, out, offset);
}

/** Null when the chunk fails authentication under this counter and final-flag. */
export function openChunk(key: Buffer, counter: number, last: boolean, sealed: Uint8Array): Buffer | null {
  return open(key, chunkNonce(counter, last), sealed);
}
