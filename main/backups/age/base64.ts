// age uses unpadded standard base64 and requires decoders to reject non-canonical encodings
// (c2sp.org/age, "Conventions"): otherwise one header would have several spellings, and the
// header MAC, computed over the bytes as written, would not pin down a single header.

const ALPHABET = /^[A-Za-z0-9+/]*$/;

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

/** Null unless `s` is exactly what `encodeBase64` would have produced for some bytes. */
export function decodeBase64(s: string): Buffer | null {
  if (!ALPHABET.test(s) || s.length % 4 === 1) return null;
  const bytes = Buffer.from(s, 'base64');
  // Node ignores unused trailing bits; re-encoding exposes them.
  return encodeBase64(bytes) === s ? bytes : null;
}
