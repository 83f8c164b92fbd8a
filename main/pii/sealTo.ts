import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';
import { unwrapKey, wrapKey, type Wrapped } from '../vault';

/** An X25519 key pair as stored: both halves raw, base64url (the JWK `x` and `d`). */
export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

/** Sealed to a public key: an ephemeral public key, and AES-256-GCM under the key both sides derive. */
export interface Sealed extends Wrapped {
  epk: string;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { publicKey: publicKey.export({ format: 'jwk' }).x ?? '', privateKey: jwk.d ?? '' };
}

const publicObject = (x: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
const privateObject = (pair: KeyPair): KeyObject =>
  createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: pair.publicKey, d: pair.privateKey }, format: 'jwk' });

/** The AES key of one sealing: HKDF-SHA-256 over the X25519 secret, bound to both public keys and to the AAD. */
function derive(secret: Buffer, epk: string, recipient: string, aad: string): Buffer {
  const salt = Buffer.concat([Buffer.from(epk, 'base64url'), Buffer.from(recipient, 'base64url')]);
  return Buffer.from(hkdfSync('sha256', secret, salt, Buffer.from(aad, 'utf8'), 32));
}

/**
 * Seals `plaintext` so that only the holder of the private half of `recipient` opens it. Whoever
 * seals needs no secret: a responder without pii:read can store personal data they may not read
 * back, and an administrator can grant a key to a user without knowing that user's passphrase.
 */
export function sealTo(recipient: string, plaintext: Buffer, aad: string): Sealed {
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ format: 'jwk' }).x ?? '';
  const key = derive(diffieHellman({ privateKey: eph.privateKey, publicKey: publicObject(recipient) }), epk, recipient, aad);
  try {
    return { epk, ...wrapKey(key, plaintext, aad) };
  } finally {
    key.fill(0);
  }
}

/** The plaintext, or null when this key pair is not the recipient (or the AAD or the text differs). */
export function openSealed(pair: KeyPair, sealed: Sealed, aad: string): Buffer | null {
  let key: Buffer;
  try {
    key = derive(diffieHellman({ privateKey: privateObject(pair), publicKey: publicObject(sealed.epk) }), sealed.epk, pair.publicKey, aad);
  } catch {
    return null;
  }
  try {
    return unwrapKey(key, sealed, aad);
  } finally {
    key.fill(0);
  }
}

/** A stored sealed value (JSON) parsed, or null when it is not one. */
export function parseSealed(text: string | null): Sealed | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as Partial<Sealed>;
    return typeof v.epk === 'string' && typeof v.nonce === 'string' && typeof v.ciphertext === 'string' && typeof v.tag === 'string' ? (v as Sealed) : null;
  } catch {
    return null;
  }
}
