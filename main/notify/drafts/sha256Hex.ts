import { createHash } from 'node:crypto';

/** SHA-256 (hex) of a text as UTF-8, or of bytes. */
export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data).digest('hex');
