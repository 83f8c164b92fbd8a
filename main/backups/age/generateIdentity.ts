import { randomBytes } from 'node:crypto';
import { encodeIdentity, encodeRecipient } from './keyEncoding';
import { x25519PublicKey, X25519_KEY_LENGTH } from './x25519';

/** A new X25519 identity (c2sp.org/age: 32 bytes from a CSPRNG) and the recipient it decrypts for. */
export function generateIdentity(): { identity: string; recipient: string } {
  const secret = randomBytes(X25519_KEY_LENGTH);
  try {
    return { identity: encodeIdentity(secret), recipient: encodeRecipient(x25519PublicKey(secret)) };
  } finally {
    secret.fill(0);
  }
}
