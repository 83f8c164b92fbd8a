import { createHash } from 'node:crypto';

/** SHA-256 of a runbook file's bytes, hex: what a run pins, so a later edit never changes it. */
export function runbookContentHash(content: Uint8Array | string): string {
  return createHash('sha256').update(typeof content === 'string' ? Buffer.from(content, 'utf8') : content).digest('hex');
}
