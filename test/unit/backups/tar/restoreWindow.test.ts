import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptArchiveError, IntegrityError, restoreTar, RestoreConflictError, UnsafeArchiveError, type ExpectedFile } from '../../../../main/backups/tar';
import { INLINE_HASH_MAX } from '../../../../main/backups/tar/HashWorker';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { craft, sha256, streamOf, type CraftedEntry } from './tarKit';

// restoreTar writes up to 64 files ahead of their SHA-256 check and rename (the window). Whatever
// fails inside the window, nothing wrong may be left under a final name, no temporary file may
// be left at all, and the files before the failing one are in place, as without the window.

let dir: string;
let to: string;
beforeEach(() => {
  dir = makeTempDataDir('tar-window');
  to = join(dir, 'to');
});
afterEach(() => removeTempDataDir(dir));

const MiB = 1024 * 1024;
const name = (i: number) => `d${i % 3}/f${String(i).padStart(3, '0')}`;
/** Distinct contents, some empty, some over the 1 MiB that are gathered in memory before writing. */
const content = (i: number, big: number[] = []) => (big.includes(i) ? `${i}:`.repeat((1.5 * MiB) / 2 + i) : `file ${i}\n`.repeat(i * 37));

/**
 * A last file of `pad` bytes: with enough bytes to check, the hashes go to the worker thread;
 * with few, they are computed in line. Both ways are tested.
 */
let pad = 0;
const PAD = 'zz-pad';

function entries(n: number, big: number[] = []): CraftedEntry[] {
  const dirs: CraftedEntry[] = [0, 1, 2].map((d) => ({ header: { name: `d${d}`, type: 'directory' } }));
  const files = Array.from({ length: n }, (_, i) => ({ header: { name: name(i), type: 'file' as const }, content: content(i, big) }));
  return [...dirs, ...files, ...(pad > 0 ? [{ header: { name: PAD, type: 'file' as const }, content: 'p'.repeat(pad) }] : [])];
}

function manifest(n: number, big: number[] = []): Map<string, ExpectedFile> {
  const files = new Map(Array.from({ length: n }, (_, i) => [name(i), { size: Buffer.byteLength(content(i, big)), sha256: sha256(Buffer.from(content(i, big))) }]));
  if (pad > 0) files.set(PAD, { size: pad, sha256: sha256(Buffer.from('p'.repeat(pad))) });
  return files;
}

function temporaries(root: string): string[] {
  const found: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      if (entry.startsWith('.firebreak-restore-')) found.push(p);
      if (lstatSync(p).isDirectory()) visit(p);
    }
  };
  if (existsSync(root)) visit(root);
  return found;
}

/** Files 0..before-1 in place with the right content, none from `before` on. */
function expectPrefixRestored(n: number, before: number, big: number[] = []): void {
  for (let i = 0; i < n; i++) {
    const path = join(to, name(i));
    if (i < before) expect(readFileSync(path, 'utf8'), name(i)).toBe(content(i, big));
    else expect(existsSync(path), name(i)).toBe(false);
  }
}

describe.each([
  ['hashes in line', 0],
  ['hashes on the worker thread', INLINE_HASH_MAX],
])('the restore window, %s', (_label, padding) => {
  beforeEach(() => {
    pad = padding;
  });

  it('a hash mismatch mid-window: the files before it are in place; it and every file after it are not; no temporary is left', async () => {
    const expected = manifest(120);
    expected.set(name(50), { ...expected.get(name(50))!, sha256: '0'.repeat(64) });
    const err: unknown = await restoreTar(streamOf(await craft(entries(120)), 65536), { to, expected }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrityError);
    expect((err as IntegrityError).path).toBe(name(50));
    expectPrefixRestored(120, 50);
    expect(temporaries(to)).toEqual([]);
  });

  it('the same with a big file (written as it arrives) failing between small ones', async () => {
    const big = [9, 10];
    const expected = manifest(30, big);
    expected.set(name(10), { ...expected.get(name(10))!, sha256: '0'.repeat(64) });
    const err: unknown = await restoreTar(streamOf(await craft(entries(30, big)), 65536), { to, expected }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrityError);
    expect((err as IntegrityError).path).toBe(name(10));
    expectPrefixRestored(30, 10, big);
    expect(temporaries(to)).toEqual([]);
  });

  it('a small file failing after a big one still in the window', async () => {
    const big = [3];
    const expected = manifest(12, big);
    expected.set(name(5), { ...expected.get(name(5))!, sha256: 'f'.repeat(64) });
    const err: unknown = await restoreTar(streamOf(await craft(entries(12, big)), 65536), { to, expected }).catch((e: unknown) => e);
    expect((err as IntegrityError).path).toBe(name(5));
    expectPrefixRestored(12, 5, big);
    expect(temporaries(to)).toEqual([]);
  });

  it('an unsafe entry after a window of files: the checked files before it are in place, nothing after, no temporary', async () => {
    const crafted = entries(80);
    crafted.splice(3 + 60, 0, { header: { name: '../escape', type: 'file' }, content: 'out\n' });
    const err: unknown = await restoreTar(streamOf(await craft(crafted), 65536), { to, expected: manifest(80) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeArchiveError);
    expectPrefixRestored(80, 60);
    expect(existsSync(join(dir, 'escape'))).toBe(false);
    expect(temporaries(to)).toEqual([]);
  });

  it('an archive cut off inside a file: whatever went in is complete and checked, no temporary is left', async () => {
    const archive = await craft(entries(80));
    const cut = archive.indexOf(Buffer.from(`file 60\n`)) + 100;
    const err: unknown = await restoreTar(streamOf(archive.subarray(0, cut), 65536), { to, expected: manifest(80) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptArchiveError);
    // How far the tar parser got before the end of the input showed is its business; what is in
    // place is a prefix of the archive, each file whole.
    const count = Array.from({ length: 80 }, (_, i) => i).findIndex((i) => !existsSync(join(to, name(i))));
    expect(count).toBeGreaterThan(0);
    expectPrefixRestored(80, count);
    expect(temporaries(to)).toEqual([]);
  });

  it('a file whose name a later entry needs as a directory: the conflict is found as without the window', async () => {
    const err: unknown = await restoreTar(streamOf(await craft([
      { header: { name: 'x', type: 'file' }, content: 'plain file\n' },
      { header: { name: 'x/y', type: 'file' }, content: 'inside?\n' },
    ])), { to }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestoreConflictError);
    expect((err as RestoreConflictError).path).toBe('x');
    expect((err as Error).message).toMatch(/x: is not a directory, so x\/y cannot be restored inside it/);
    expect(readFileSync(join(to, 'x'), 'utf8')).toBe('plain file\n');
    expect(temporaries(to)).toEqual([]);
  });

  it('many files, small and big, come back whole and checked, in archive order', async () => {
    const big = [7, 70];
    const report = await restoreTar(streamOf(await craft(entries(150, big)), 65536), { to, expected: manifest(150, big) });
    expect(report.restored.filter((p) => p.includes('/'))).toEqual(Array.from({ length: 150 }, (_, i) => name(i)));
    if (pad > 0) expect(readFileSync(join(to, PAD)).length).toBe(pad);
    expectPrefixRestored(150, 150, big);
    expect(temporaries(to)).toEqual([]);
  });
});
