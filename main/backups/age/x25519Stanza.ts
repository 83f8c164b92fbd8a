import { randomBytes } from 'node:crypto';
import { AgeError } from './AgeError';
import { decodeBase64, encodeBase64 } from './base64';
import { open, seal } from './chacha20Poly1305';
import { hkdf } from './hkdf';
import type { Stanza } from './Stanza';
import { x25519PublicKey, x25519SharedSecret, X25519_KEY_LENGTH } from './x25519';

// c2sp.org/age, "X25519 recipient stanza".
const INFO = 'age-encryption.org/v1/X25519';
const ZERO_NONCE = Buffer.alloc(12);
const WRAPPED_KEY_LENGTH = 32;

export const X25519_STANZA_TYPE = 'X25519';

export interface X25519Identity {
  secret: Buffer;
  publicKey: Buffer;
}

function wrapKey(shared: Buffer, share: Buffer, recipient: Buffer): Buffer {
  return hkdf(shared, Buffer.concat([share, recipient]), INFO);
}

export function wrapForX25519(fileKey: Buffer, recipient: Buffer): Stanza {
  // A fresh ephemeral secret per stanza and per file, as the spec requires.
  const ephemeral = randomBytes(X25519_KEY_LENGTH);
  try {
    const share = x25519PublicKey(ephemeral);
    const shared = x25519SharedSecret(ephemeral, recipient);
    if (!shared) throw new AgeError('INVALID_RECIPIENT', `recipient ${encodeBase64(recipient)} is a low-order point and cannot be encrypted to`);
    return { args: [X25519_STANZA_TYPE, encodeBase64(share)], body: seal(wrapKey(shared, share, recipient), ZERO_NONCE, fileKey) };
  } finally {
    ephemeral.fill(0);
  }
}

/**
 * Checks the stanza's shape first (the spec says a malformed X25519 stanza is an error, not a
 * stanza for someone else), then tries each identity. Null when none of them opens it.
 */
export function unwrapX25519(stanza: Stanza, identities: readonly X25519Identity[]): Buffer | null {
  if (stanza.args.length !== 2) throw new AgeError('MALFORMED_HEADER', `X25519 stanza has ${stanza.args.length - 1} arguments, expected 1`);
  const share = decodeBase64(stanza.args[1]!);
  if (!share || share.length !== X25519_KEY_LENGTH) throw new AgeError('MALFORMED_HEADER', 'X25519 stanza: the ephemeral share is not canonical base64 of 32 bytes');
  // Checked before any decryption, against partitioning-oracle attacks (c2sp.org/age).
  if (stanza.body.length !== WRAPPED_KEY_LENGTH) throw new AgeError('MALFORMED_HEADER', `X25519 stanza body is ${stanza.body.length} bytes, expected ${WRAPPED_KEY_LENGTH}`);
  for (const identity of identities) {
    const shared = x25519SharedSecret(identity.secret, share);
    if (!shared) throw new AgeError('MALFORMED_HEADER', 'X25519 stanza: the ephemeral share is a low-order point');
    const fileKey = open(wrapKey(shared, share, identity.publicKey), ZERO_NONCE, stanza.body);
    if (fileKey) return fileKey;
  }
  return null;
}
