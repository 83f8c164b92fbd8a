import { timingSafeEqual } from 'node:crypto';
import { AgeError } from './AgeError';
import type { Header } from './HeaderReader';
import { headerMac } from './headerMac';
import { SCRYPT_STANZA_TYPE, unwrapScrypt } from './scryptStanza';
import { unwrapX25519, X25519_STANZA_TYPE, type X25519Identity } from './x25519Stanza';

export type FileKeySource = { identities: readonly X25519Identity[] } | { passphrase: string; maxLogN: number };

async function findFileKey(header: Header, source: FileKeySource): Promise<Buffer> {
  const { stanzas } = header;
  const scryptCount = stanzas.filter((s) => s.args[0] === SCRYPT_STANZA_TYPE).length;
  // c2sp.org/age: an scrypt stanza must be alone, so that a passphrase file cannot also have
  // been readable by someone else's key without the sender meaning it.
  if (scryptCount > 0 && stanzas.length > 1) {
    throw new AgeError('MALFORMED_HEADER', 'the header mixes an scrypt (passphrase) stanza with other stanzas, which the age format forbids');
  }
  if ('passphrase' in source) {
    if (scryptCount === 0) {
      const types = [...new Set(stanzas.map((s) => s.args[0]))].join(', ');
      throw new AgeError('IDENTITY_REQUIRED', `this file is encrypted to recipients (${types}), not with a passphrase: decrypt it with an identity`);
    }
    return unwrapScrypt(stanzas[0]!, source.passphrase, source.maxLogN);
  }
  if (scryptCount > 0) throw new AgeError('PASSPHRASE_REQUIRED', 'this file is encrypted with a passphrase, not to a recipient: decrypt it with the passphrase');
  // Stanzas of other types are for identities we do not hold: skipped, but still covered by the MAC.
  const x25519 = stanzas.filter((s) => s.args[0] === X25519_STANZA_TYPE);
  for (const stanza of x25519) {
    const fileKey = unwrapX25519(stanza, source.identities);
    if (fileKey) return fileKey;
  }
  throw new AgeError('NO_MATCH', `no identity matches any recipient stanza (the file has ${stanzas.length} stanza${stanzas.length === 1 ? '' : 's'})`);
}

/** The file key, only once the header MAC proves the header is the one the sender wrote. */
export async function unwrapFileKey(header: Header, source: FileKeySource): Promise<Buffer> {
  const fileKey = await findFileKey(header, source);
  if (!timingSafeEqual(headerMac(fileKey, header.macInput), header.mac)) {
    fileKey.fill(0);
    throw new AgeError('HEADER_MAC', 'header MAC mismatch: the header was altered or damaged');
  }
  return fileKey;
}
