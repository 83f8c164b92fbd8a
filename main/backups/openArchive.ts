import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createDecryptStream } from './age';

/** The decrypted tar stream of an archive file: every chunk authenticated before it is passed on. */
export function openArchive(file: string, identity: string): Readable {
  const source = createReadStream(file);
  const decrypt = createDecryptStream({ identities: [identity] });
  source.on('error', (err) => decrypt.destroy(err));
  return source.pipe(decrypt);
}
