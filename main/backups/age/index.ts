// The age file format (age-encryption.org/v1, c2sp.org/age) on node:crypto alone, so that
// `age -d -i recovery.txt X.tar.age | tar -x` restores a Firebreak backup without Firebreak.
export { AgeError, type AgeErrorCode } from './AgeError';
export { createDecryptStream, type DecryptOptions } from './createDecryptStream';
export { createEncryptStream, type EncryptOptions } from './createEncryptStream';
export { generateIdentity } from './generateIdentity';
export { parseIdentityFile } from './parseIdentityFile';
export { recipientOf } from './recipientOf';
export { DEFAULT_LOG_N, DEFAULT_MAX_LOG_N } from './scryptStanza';
export { CHUNK_SIZE } from './payload';
