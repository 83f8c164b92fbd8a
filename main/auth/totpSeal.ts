import { unwrapKey, wrapKey, type Wrapped } from '../vault';

export type TotpKind = 'secret' | 'pending';

/** Bound to the user and the kind, so a sealed secret cannot be moved to another user or from pending to confirmed. */
const aadFor = (user: string, kind: TotpKind): string => `firebreak-totp-v1|${user}|${kind}`;

/** The TOTP secret (base32) sealed under the user's own key (userKeys.ts), as stored: JSON of nonce, ciphertext, tag. */
export function sealTotp(userKey: Buffer, user: string, kind: TotpKind, secret: string): string {
  return JSON.stringify(wrapKey(userKey, Buffer.from(secret, 'utf8'), aadFor(user, kind)));
}

/** The secret, or null when the key is not the one it was sealed with (or the text is damaged). */
export function openTotp(userKey: Buffer, user: string, kind: TotpKind, sealed: string): string | null {
  let w: Wrapped;
  try {
    w = JSON.parse(sealed) as Wrapped;
  } catch {
    return null;
  }
  return unwrapKey(userKey, w, aadFor(user, kind))?.toString('utf8') ?? null;
}
