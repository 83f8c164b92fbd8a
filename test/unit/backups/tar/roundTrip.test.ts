import { createReadStream, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTar, restoreTar } from '../../../../main/backups/tar';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { LONG_DIR, LONG_FILE, makeTree, packToFile, quote, sh, snapshot, UNICODE_DIR, UNICODE_FILE, walk } from './tarKit';

// Precision: a ustar header keeps mtimes in whole seconds (packTar rounds down), so a round trip
// through our own archives compares to the second; a pax `mtime` record (GNU tar --format=posix)
// carries a fraction, which readTar keeps to the millisecond.

let dir: string;
let src: string;
const at = (name: string) => join(dir, name);
beforeEach(() => {
  dir = makeTempDataDir('tar-roundtrip');
  src = at('src');
  mkdirSync(src);
  makeTree(src);
});
afterEach(() => removeTempDataDir(dir));

describe('pack → restore', () => {
  it('gives back the same tree: content, modes, mtimes (to the second), links, long and unicode names', async () => {
    const longPath = `${LONG_DIR}/${LONG_FILE}`;
    expect(LONG_FILE.length).toBeGreaterThan(100);
    expect(Buffer.byteLength(longPath)).toBeGreaterThan(255);
    expect(Buffer.byteLength(UNICODE_FILE)).toBeGreaterThan(200);

    await packToFile(walk(src), at('a.tar'));
    const report = await restoreTar(createReadStream(at('a.tar')), { to: at('out') });

    expect(snapshot(at('out'))).toEqual(snapshot(src));
    expect(report.restored).toEqual(walk(src).map((e) => e.path));
    expect(report.bytes).toBe(walk(src).reduce((n, e) => n + (e.type === 'file' ? e.size : 0), 0));
    expect(report.unmatched).toEqual([]);
    // Spot checks the snapshot comparison relies on.
    expect(lstatSync(at('out/a/b/c/secret')).mode & 0o777).toBe(0o600);
    expect(lstatSync(at('out/a/b/c')).mode & 0o777).toBe(0o700);
    expect(lstatSync(at('out/a/b/run.sh')).mode & 0o777).toBe(0o755);
    expect(Math.floor(lstatSync(at('out/a')).mtimeMs / 1000)).toBe(1_600_000_012);
    expect(readFileSync(at(`out/${UNICODE_DIR}/${UNICODE_FILE}`), 'utf8')).toBe('ünïcødé\n');
  });

  it('reads back every entry with its metadata, mtimes rounded down to the second', async () => {
    await packToFile(walk(src), at('a.tar'));
    const seen = new Map<string, { type: string; size: number; mode: number; mtimeMs: number; linkTarget?: string }>();
    for await (const e of readTar(createReadStream(at('a.tar')))) {
      seen.set(e.path, { type: e.type, size: e.size, mode: e.mode, mtimeMs: e.mtimeMs, linkTarget: e.linkTarget });
    }
    const want = new Map(
      walk(src).map((e) => [e.path, { type: e.type, size: e.size, mode: e.mode, mtimeMs: Math.floor(e.mtimeMs / 1000) * 1000, linkTarget: e.linkTarget }]),
    );
    expect(seen).toEqual(want);
  });
});

describe('interop with GNU tar (/usr/bin/tar)', () => {
  it('GNU tar extracts our archive to the same tree', async () => {
    await packToFile(walk(src), at('a.tar'));
    mkdirSync(at('gnu'));
    sh(`tar -x -p --no-same-owner -f ${quote(at('a.tar'))} -C ${quote(at('gnu'))}`);
    expect(snapshot(at('gnu'))).toEqual(snapshot(src));
  });

  it.each(['gnu', 'posix', 'ustar-compatible pax'])('an archive made by GNU tar (--format=%s) reads and restores with ours', async (format) => {
    const flag = format === 'ustar-compatible pax' ? '--format=pax --pax-option=delete=atime,delete=ctime' : `--format=${format}`;
    // `-C src .` writes a `./` root entry and `./`-prefixed names, as people usually do.
    sh(`tar -c ${flag} -f ${quote(at('gnu.tar'))} -C ${quote(src)} .`);
    const report = await restoreTar(createReadStream(at('gnu.tar')), { to: at('out') });
    expect(snapshot(at('out'))).toEqual(snapshot(src));
    expect(report.restored).not.toContain('');
  });

  it('keeps sub-second mtimes from pax headers (GNU tar --format=posix)', async () => {
    sh(`tar -c --format=posix -f ${quote(at('gnu.tar'))} -C ${quote(src)} a`);
    await restoreTar(createReadStream(at('gnu.tar')), { to: at('out') });
    expect(lstatSync(at('out/a/one.txt')).mtimeMs).toBe(lstatSync(join(src, 'a/one.txt')).mtimeMs);
    expect(Math.round(lstatSync(at('out/a/one.txt')).mtimeMs) % 1000).toBe(123);
  });
});
