import { AgeError } from './AgeError';
import { convertBits, decodeBech32, encodeBech32 } from './bech32';
import { X25519_KEY_LENGTH } from './x25519';

// The two native X25519 encodings of c2sp.org/age. The case is part of the format (age's own
// parser insists on it), so an identity is always upper case and a recipient lower case.
const IDENTITY_HRP = 'AGE-SECRET-KEY-';
const RECIPIENT_HRP = 'age';

function decodeKey(s: string, hrp: string): Buffer | null {
  try {
    const decoded = decodeBech32(s);
    if (decoded.hrp !== hrp) return null;
    const bytes = convertBits(decoded.words, 5, 8, false);
    return bytes.length === X25519_KEY_LENGTH ? Buffer.from(bytes) : null;
  } catch {
    return null;
  }
}

export function encodeIdentity(secret: Uint8Array): string {
  return encodeBech32(IDENTITY_HRP, convertBits(secret, 8, 5, true));
}

export function encodeRecipient(publicKey: Uint8Array): string {
  return encodeBech32(RECIPIENT_HRP, convertBits(publicKey, 8, 5, true));
}

/** The 32-byte X25519 secret. The message never repeats the input, which may be a real key. */
export function decodeIdentity(identity: string): Buffer {
  const secret = decodeKey(identity.trim(), IDENTITY_HRP);
  if (secret) return secret;
  if (identity.trim().startsWith('AGE-PLUGIN-')) throw new AgeError('INVALID_KEY', 'age plugin identities (AGE-PLUGIN-…) are not supported');
  throw new AgeError('INVALID_KEY', 'not a valid age X25519 identity: expected an upper-case AGE-SECRET-KEY-1… Bech32 string of 32 bytes');
}

/** The 32-byte X25519 public key. */
export function decodeRecipient(recipient: string): Buffer {
  const publicKey = decodeKey(recipient.trim(), RECIPIENT_HRP);
  if (publicKey) return publicKey;
  const shown = recipient.length > 80 ? `${recipient.slice(0, 77)}…` : recipient;
  if (/^age1(pq|tag|tagpq)1/.test(recipient.trim())) throw new AgeError('INVALID_RECIPIENT', `recipient type not supported (only X25519 age1… recipients): ${shown}`);
  throw new AgeError('INVALID_RECIPIENT', `not a valid age X25519 recipient: expected a lower-case age1… Bech32 string of 32 bytes, got "${shown}"`);
}
