import { decodeIdentity, encodeRecipient } from './keyEncoding';
import { x25519PublicKey } from './x25519';

/** The age1… recipient of an AGE-SECRET-KEY-1… identity, as `age-keygen -y` prints it. */
export function recipientOf(identity: string): string {
  const secret = decodeIdentity(identity);
  try {
    return encodeRecipient(x25519PublicKey(secret));
  } finally {
    secret.fill(0);
  }
}
