import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CorruptArchiveError, verifyTar, type ExpectedEntry } from '../../../../main/backups/tar';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { makeTree, packToBuffer, sha256, streamOf, walk } from './tarKit';

let dir: string;
let src: string;
beforeEach(() => {
  dir = makeTempDataDir('tar-verify');
  src = join(dir, 'src');
  mkdirSync(src);
  makeTree(src);
});
afterEach(() => removeTempDataDir(dir));

function manifest(): Map<string, ExpectedEntry> {
  return new Map(
    walk(src).map((e) => [e.path, { type: e.type, size: e.size, sha256: e.type === 'file' ? sha256(readFileSync(e.absPath)) : '' }]),
  );
}

const totalBytes = () => walk(src).reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0);

it('passes a good archive, counting every file and byte it re-hashed', async () => {
  const result = await verifyTar(streamOf(await packToBuffer(walk(src))), manifest());
  expect(result).toEqual({ ok: true, problems: [], files: 7, bytes: totalBytes() });
});

it('names the file one flipped byte damaged, and only that file', async () => {
  const archive = await packToBuffer(walk(src));
  const at = archive.indexOf('top secret\n');
  expect(at).toBeGreaterThan(0);
  archive[at + 4] = archive[at + 4]! ^ 0x01;
  const result = await verifyTar(streamOf(archive), manifest());
  expect(result.ok).toBe(false);
  expect(result.problems).toEqual([{ path: 'a/b/c/secret', problem: expect.stringMatching(/SHA-256 does not match the manifest/) as unknown }]);
  expect(result.files).toBe(7);
});

it('names a file missing from the archive and one the manifest does not list', async () => {
  const archive = await packToBuffer(walk(src).filter((e) => e.path !== 'a/one.txt'));
  const expected = manifest();
  expected.delete('big.bin');
  const result = await verifyTar(streamOf(archive), expected);
  expect(result.ok).toBe(false);
  expect(result.problems).toEqual([
    { path: 'big.bin', problem: 'a file in the archive that the manifest does not list' },
    { path: 'a/one.txt', problem: 'is in the manifest but missing from the archive' },
  ]);
});

it('names a size or type that differs from the manifest', async () => {
  const expected = manifest();
  expected.set('a/empty.bin', { type: 'file', size: 3, sha256: sha256(Buffer.from('abc')) });
  expected.set('empty', { type: 'file', size: 0, sha256: sha256(Buffer.alloc(0)) });
  const result = await verifyTar(streamOf(await packToBuffer(walk(src))), expected);
  expect(result.problems).toEqual([
    { path: 'a/empty.bin', problem: 'is 0 bytes in the archive, the manifest says 3' },
    { path: 'empty', problem: 'is a directory in the archive but a file in the manifest' },
  ]);
});

it('rejects an archive it cannot read to the end (truncated) rather than reporting on part of it', async () => {
  const archive = await packToBuffer(walk(src));
  await expect(verifyTar(streamOf(archive.subarray(0, archive.length - 1024)), manifest())).rejects.toThrow(CorruptArchiveError);
});
