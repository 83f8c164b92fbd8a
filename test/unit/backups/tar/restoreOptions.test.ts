import { createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IntegrityError, restoreTar, RestoreConflictError, type ExpectedFile } from '../../../../main/backups/tar';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { makeTree, packToFile, sha256, snapshot, UNICODE_DIR, walk } from './tarKit';

let dir: string;
let src: string;
const at = (name: string) => join(dir, name);
const archive = () => createReadStream(at('a.tar'));
beforeEach(async () => {
  dir = makeTempDataDir('tar-restore');
  src = at('src');
  mkdirSync(src);
  makeTree(src);
  await packToFile(walk(src), at('a.tar'));
});
afterEach(() => removeTempDataDir(dir));

/** The manifest restore checks against, built from the source tree. */
function manifest(): Map<string, ExpectedFile> {
  return new Map(walk(src).filter((e) => e.type === 'file').map((e) => [e.path, { size: e.size, sha256: sha256(readFileSync(e.absPath)) }]));
}

/** Files restoreTar may have left behind under a temporary name. */
function temporaries(root: string): string[] {
  const found: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name.startsWith('.firebreak-restore-')) found.push(join(d, name));
      const p = join(d, name);
      if (lstatSync(p).isDirectory()) visit(p);
    }
  };
  visit(root);
  return found;
}

describe('existing files', () => {
  beforeEach(() => {
    mkdirSync(at('out/a'), { recursive: true });
    writeFileSync(at('out/a/one.txt'), 'mine, not the backup’s\n');
  });

  it('are kept, and the restore fails naming the file, unless overwrite is asked for', async () => {
    const err: unknown = await restoreTar(archive(), { to: at('out') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreConflictError);
    expect((err as RestoreConflictError).path).toBe('a/one.txt');
    expect((err as Error).message).toMatch(/a\/one\.txt: already exists \(restore with overwrite/);
    expect(readFileSync(at('out/a/one.txt'), 'utf8')).toBe('mine, not the backup’s\n');
    expect(temporaries(at('out'))).toEqual([]);
  });

  it('are replaced with overwrite', async () => {
    await restoreTar(archive(), { to: at('out'), overwrite: true });
    expect(readFileSync(at('out/a/one.txt'), 'utf8')).toBe('one\n');
    expect(snapshot(at('out'))).toEqual(snapshot(src));
  });

  it('a directory in the way of a file is never replaced, even with overwrite', async () => {
    mkdirSync(at('out/big.bin'));
    writeFileSync(at('out/big.bin/keep'), 'keep');
    await expect(restoreTar(archive(), { to: at('out'), overwrite: true })).rejects.toThrow(/big\.bin: a directory is in the way of this file/);
    expect(readFileSync(at('out/big.bin/keep'), 'utf8')).toBe('keep');
  });
});

describe('only', () => {
  it('restores a subtree, with its directories’ modes and times', async () => {
    const report = await restoreTar(archive(), { to: at('out'), only: ['a/b'] });
    expect(report.restored).toEqual(['a/b', 'a/b/c', 'a/b/c/secret', 'a/b/run.sh', 'a/b/uni-link']);
    expect(readdirSync(at('out'))).toEqual(['a']);
    expect(readdirSync(at('out/a'))).toEqual(['b']);
    const want = [...snapshot(src)].filter(([p]) => p.startsWith('a/b/') || p === 'a/b');
    expect([...snapshot(at('out'))].filter(([p]) => p !== 'a')).toEqual(want);
  });

  it('restores a single file (creating its parent directories)', async () => {
    const report = await restoreTar(archive(), { to: at('out'), only: ['a/b/c/secret'] });
    expect(report).toEqual({ restored: ['a/b/c/secret'], bytes: 11, unmatched: [] });
    expect(readFileSync(at('out/a/b/c/secret'), 'utf8')).toBe('top secret\n');
    expect(lstatSync(at('out/a/b/c/secret')).mode & 0o777).toBe(0o600);
    expect(readdirSync(at('out/a/b'))).toEqual(['c']);
  });

  it('reports selections that match nothing, in the caller’s spelling', async () => {
    const report = await restoreTar(archive(), { to: at('out'), only: ['./a/one.txt', 'nope/', `${UNICODE_DIR}/missing`] });
    expect(report.restored).toEqual(['a/one.txt']);
    expect(report.unmatched).toEqual(['nope/', `${UNICODE_DIR}/missing`]);
  });

  it('refuses an unsafe selection before reading anything', async () => {
    await expect(restoreTar(archive(), { to: at('out'), only: ['../x'] })).rejects.toThrow(/'\.\.'/);
  });
});

describe('expected (the manifest)', () => {
  it('checks every restored file and passes on a good archive', async () => {
    const report = await restoreTar(archive(), { to: at('out'), expected: manifest() });
    expect(report.bytes).toBe([...manifest().values()].reduce((n, f) => n + f.size, 0));
    expect(snapshot(at('out'))).toEqual(snapshot(src));
  });

  it('fails naming the file whose hash differs, leaving no partial file', async () => {
    const expected = manifest();
    expected.set('big.bin', { ...expected.get('big.bin')!, sha256: '0'.repeat(64) });
    const err: unknown = await restoreTar(archive(), { to: at('out'), expected }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrityError);
    expect((err as IntegrityError).path).toBe('big.bin');
    expect((err as Error).message).toMatch(/^big\.bin: SHA-256 does not match the manifest/);
    expect(existsSync(at('out/big.bin'))).toBe(false);
    expect(temporaries(at('out'))).toEqual([]);
  });

  it('fails on a size that differs before writing, and on a file the manifest does not list', async () => {
    const wrongSize = manifest();
    wrongSize.set('a/one.txt', { ...wrongSize.get('a/one.txt')!, size: 99 });
    await expect(restoreTar(archive(), { to: at('out1'), expected: wrongSize })).rejects.toThrow(/a\/one\.txt: the archive holds 4 bytes, the manifest says 99/);
    expect(existsSync(at('out1/a/one.txt'))).toBe(false);

    const unlisted = manifest();
    unlisted.delete('a/b/run.sh');
    await expect(restoreTar(archive(), { to: at('out2'), expected: unlisted })).rejects.toThrow(/a\/b\/run\.sh: is in the archive but not in the manifest/);
  });

  it('fails naming a file the manifest lists but the archive lacks', async () => {
    const expected = manifest();
    expected.set('a/ghost', { size: 1, sha256: '0'.repeat(64) });
    await expect(restoreTar(archive(), { to: at('out'), expected })).rejects.toThrow(/a\/ghost: is in the manifest but not in the archive/);
  });
});

describe('modes set on the open file', () => {
  it('a read-only file and a setuid one: content restored, mode as stored without setuid/setgid, no temporary left', async () => {
    mkdirSync(at('modes'));
    writeFileSync(at('modes/ro.txt'), 'read only\n');
    writeFileSync(at('modes/suid'), '#!/bin/sh\n');
    const entries = walk(at('modes')).map((e) => (e.path === 'suid' ? { ...e, mode: 0o6755 } : e.path === 'ro.txt' ? { ...e, mode: 0o444 } : e));
    await packToFile(entries, at('m.tar'));
    await restoreTar(createReadStream(at('m.tar')), { to: at('out-modes') });
    expect(readFileSync(at('out-modes/ro.txt'), 'utf8')).toBe('read only\n');
    expect(lstatSync(at('out-modes/ro.txt')).mode & 0o7777).toBe(0o444);
    expect(lstatSync(at('out-modes/suid')).mode & 0o7777).toBe(0o755);
    expect(temporaries(at('out-modes'))).toEqual([]);
  });
});
