import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';

// node:crypto takes X25519 keys only as KeyObjects; these DER prefixes (RFC 8410) wrap the raw
// 32-byte keys that age stores, so no key ever passes through a PEM string.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export const X25519_KEY_LENGTH = 32;

function privateKeyObject(secret: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** X25519(secret, basepoint). OpenSSL clamps the scalar, as RFC 7748 requires. */
export function x25519PublicKey(secret: Uint8Array): Buffer {
  return createPublicKey(privateKeyObject(secret)).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

/**
 * X25519(secret, publicKey), or null when the result is all zeros (a low-order point), which
 * c2sp.org/age says must abort: OpenSSL refuses to derive it, so that refusal is the check.
 */
export function x25519SharedSecret(secret: Uint8Array, publicKey: Uint8Array): Buffer | null {
  try {
    const shared = diffieHellman({ privateKey: privateKeyObject(secret), publicKey: publicKeyObject(publicKey) });
    return shared.every((b) => b === 0) ? null : shared;
  } catch {
    return null;
  }
}
