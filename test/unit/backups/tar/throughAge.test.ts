import { createReadStream, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDecryptStream, createEncryptStream, generateIdentity } from '../../../../main/backups/age';
import { packTar, restoreTar } from '../../../../main/backups/tar';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { makeTree, quote, sh, snapshot, walk } from './tarKit';

// The promise of ARCHITECTURE.md §4: `age -d -i recovery.txt X.tar.age | tar -x` restores a
// backup without Firebreak. Both tools are the real ones (/usr/bin/age, /usr/bin/tar).

let dir: string;
let src: string;
const at = (name: string) => join(dir, name);
beforeEach(() => {
  dir = makeTempDataDir('tar-age');
  src = at('src');
  mkdirSync(src);
  makeTree(src);
});
afterEach(() => removeTempDataDir(dir));

async function encryptedBackup(recipient: string): Promise<void> {
  const tarOut = new PassThrough();
  const writing = pipeline(tarOut, createEncryptStream({ recipients: [recipient] }), createWriteStream(at('backup.tar.age')));
  await packTar(walk(src), tarOut);
  await writing;
}

it('pack → age (X25519) → file; `age -d -i key.txt file | tar -x` gives the tree back', async () => {
  const { identity, recipient } = generateIdentity();
  writeFileSync(at('key.txt'), `${identity}\n`, { mode: 0o600 });
  await encryptedBackup(recipient);

  mkdirSync(at('out'));
  sh(`age -d -i ${quote(at('key.txt'))} ${quote(at('backup.tar.age'))} | tar -x -p --no-same-owner -C ${quote(at('out'))}`);
  expect(snapshot(at('out'))).toEqual(snapshot(src));
});

it('and Firebreak restores the same file through its own age decryption', async () => {
  const { identity, recipient } = generateIdentity();
  await encryptedBackup(recipient);
  const plain = createReadStream(at('backup.tar.age')).pipe(createDecryptStream({ identities: [identity] }));
  await restoreTar(plain, { to: at('out') });
  expect(snapshot(at('out'))).toEqual(snapshot(src));
});
