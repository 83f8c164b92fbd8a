import { AgeError } from './AgeError';
import { decodeIdentity } from './keyEncoding';

/**
 * The identities in an identity file as `age-keygen` writes it: one AGE-SECRET-KEY-1… a line,
 * `#` comments and blank lines ignored. A line that is neither is an error (naming the line,
 * never its content), because silently skipping it could hide the only key that matters.
 */
export function parseIdentityFile(text: string): string[] {
  if (text.startsWith('age-encryption.org/') || text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    throw new AgeError('UNSUPPORTED', 'passphrase-encrypted identity files are not supported: decrypt the file first');
  }
  const identities: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    try {
      decodeIdentity(line);
    } catch (err) {
      const reason = err instanceof AgeError ? err.message : 'invalid identity';
      throw new AgeError('INVALID_KEY', `identity file line ${i + 1}: ${reason}`);
    }
    identities.push(line);
  });
  if (identities.length === 0) throw new AgeError('INVALID_KEY', 'the identity file contains no identities');
  return identities;
}
