import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createDecryptStream } from './age';

/** The decrypted tar stream of an archive file: every chunk authenticated before it is passed on. */
export function openArchive(file: string, identity: string): Readable {
  const decrypt = createDecryptStream({ identities: [identity] });
  // pipeline keeps an early error (a missing or empty file) from going unhandled before the
  // consumer starts reading; the consumer sees it as `decrypt.errored`.
  pipeline(createReadStream(file), decrypt, () => undefined);
  return decrypt;
}
