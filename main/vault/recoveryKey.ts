import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a key read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as 8 groups of 4 characters: FBRK-XXXX-…; typed in again only in an emergency. */
export function generateRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `FBRK-${out.match(/.{4}/g)!.join('-')}`;
}

/** Accepts what a person types: any case, spaces or dashes, O for 0, I/L for 1. */
export function normalizeRecoveryKey(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  // Every issued key carries the prefix; typing it is optional.
  const body = compact.startsWith('FBRK') ? compact.slice(4) : compact;
  const cleaned = body.replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{32}$/.test(cleaned)) return null;
  return `FBRK-${cleaned.match(/.{4}/g)!.join('-')}`;
}
