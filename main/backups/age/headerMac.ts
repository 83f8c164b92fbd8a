import { createHmac } from 'node:crypto';
import { hkdf } from './hkdf';

/** HMAC-SHA-256 over the header up to and including `---`, keyed from the file key (c2sp.org/age, "Header MAC"). */
export function headerMac(fileKey: Buffer, macInput: Buffer): Buffer {
  return createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header')).update(macInput).digest();
}
