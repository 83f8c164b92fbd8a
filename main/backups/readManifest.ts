import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { ApiFailure } from '../../contract';
import { AgeError, createDecryptStream } from './age';
import { manifestSchema, type BackupManifest } from './backupManifest';

/** Decrypts and checks a manifest file. A damaged or foreign manifest is an INTEGRITY failure. */
export async function readManifest(file: string, identity: string): Promise<BackupManifest> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new ApiFailure('INTEGRITY', `manifest ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of Readable.from([bytes]).pipe(createDecryptStream({ identities: [identity] }))) chunks.push(chunk as Buffer);
  } catch (err) {
    throw new ApiFailure('INTEGRITY', `manifest ${file} does not decrypt: ${err instanceof AgeError ? err.message : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiFailure('INTEGRITY', `manifest ${file} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new ApiFailure('INTEGRITY', `manifest ${file} is not a Firebreak manifest: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}
