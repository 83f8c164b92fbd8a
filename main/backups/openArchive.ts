import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createDecryptStream } from './age';

/**
 * Reads of 16 encrypted age chunks: a 64 KiB read (the default) cut every chunk in two, and each
 * read costs a thread-pool round trip on the main thread.
 */
const READ_SIZE = 16 * (64 * 1024 + 16);

/** The decrypted tar stream of an archive file: every chunk authenticated before it is passed on. */
export function openArchive(file: string, identity: string): Readable {
  const decrypt = createDecryptStream({ identities: [identity] });
  // pipeline keeps an early error (a missing or empty file) from going unhandled before the
  // consumer starts reading; the consumer sees it as `decrypt.errored`.
  pipeline(createReadStream(file, { highWaterMark: READ_SIZE }), decrypt, () => undefined);
  return decrypt;
}
