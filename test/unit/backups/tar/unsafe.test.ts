import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTar, restoreTar, UnsafeArchiveError } from '../../../../main/backups/tar';
import { makeTempDataDir, removeTempDataDir } from '../../../helpers/tempDataDir';
import { craft, listing, streamOf, ustarHeader, type CraftedEntry } from './tarKit';

// Hand-built hostile archives. Each must be refused with an UnsafeArchiveError naming the entry,
// and nothing may appear outside the restore directory. Write-through attacks aim at a decoy
// directory beside it, never at a real system file: the tests may run as root.

let base: string;
let outside: string;
let to: string;
let before: string[];
beforeEach(() => {
  base = makeTempDataDir('tar-unsafe');
  outside = join(base, 'outside');
  to = join(base, 'to');
  mkdirSync(outside);
  writeFileSync(join(outside, 'victim'), 'original\n');
  mkdirSync(to);
  before = listing(outside);
});
afterEach(() => removeTempDataDir(base));

function expectNothingOutside(): void {
  expect(readdirSync(base).sort()).toEqual(['outside', 'to']);
  expect(listing(outside)).toEqual(before);
  expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('original\n');
}

/** Stands for `<outside>/victim`, which exists only once a test has started. */
const ABSOLUTE = '/@outside-victim@';

const file = (name: string, content = 'x'): CraftedEntry => ({ header: { name, type: 'file' }, content });
const dirEntry = (name: string): CraftedEntry => ({ header: { name, type: 'directory' } });
const link = (name: string, target: string): CraftedEntry => ({ header: { name, type: 'symlink', linkname: target } });

async function restoreCrafted(entries: CraftedEntry[]): Promise<unknown> {
  return restoreTar(streamOf(await craft(entries)), { to });
}

async function refusal(entries: CraftedEntry[]): Promise<UnsafeArchiveError> {
  const err = await restoreCrafted(entries).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnsafeArchiveError);
  return err as UnsafeArchiveError;
}

describe('restoreTar refuses', () => {
  it.each([
    // `/…/outside/abs`: the absolute path is filled in per test (see ABSOLUTE below).
    ['an absolute path', [file(ABSOLUTE)], ABSOLUTE, /absolute path/],
    ['../escape', [file('../escape')], '../escape', /'\.\.'/],
    ['a/../../x', [dirEntry('a'), file('a/../../x')], 'a/../../x', /'\.\.'/],
    ['a/.. even though it stays inside', [file('a/../y')], 'a/../y', /'\.\.'/],
    ['a backslash trick', [file('..\\..\\x')], '..\\..\\x', /backslash/],
    ['a drive letter', [file('C:/x')], 'C:/x', /drive-letter/],
    ['an empty name', [file('')], '', /empty name/],
    ['a NUL byte (pax path)', [file('é\0/../../x')], 'é\0/../../x', /NUL/],
    ['a symlink to /etc/passwd', [link('passwd', '/etc/passwd')], 'passwd', /absolute link target/],
    ['a symlink `link -> ..`', [link('link', '..')], 'link', /outside the restore directory/],
    ['a symlink climbing out from a subdirectory', [dirEntry('d'), link('d/l', '../../outside')], 'd/l', /outside/],
    ['a symlink going down then up through another link', [link('a', '.'), link('b', 'a/..')], 'b', /climbs back up/],
    ['a character device', [{ header: { name: 'tty', type: 'character-device', devmajor: 5, devminor: 0 } }], 'tty', /character device/],
    ['a block device', [{ header: { name: 'sda', type: 'block-device', devmajor: 8, devminor: 0 } }], 'sda', /block device/],
    ['a FIFO', [{ header: { name: 'pipe', type: 'fifo' } }], 'pipe', /FIFO/],
    ['a hard link', [file('f'), { header: { name: 'h', type: 'link', linkname: ABSOLUTE } }], 'h', /hard link/],
    ['a duplicate entry', [file('dup', 'one'), file('dup', 'two')], 'dup', /duplicate/],
    ['a duplicate spelled differently', [dirEntry('d'), dirEntry('./d/')], './d/', /duplicate/],
    ['a file named like a directory', [file('d/', 'hidden')], 'd/', /trailing slash/],
    ['a file replacing a directory of the same name', [dirEntry('d'), file('d')], 'd', /duplicate/],
  ] satisfies [string, CraftedEntry[], string, RegExp][])('%s', async (_label, template, placeholder, reason) => {
    const real = (s: string) => s.replace(ABSOLUTE, join(outside, 'victim'));
    const entries = template.map((e) => ({ ...e, header: { ...e.header, name: real(e.header.name), linkname: e.header.linkname && real(e.header.linkname) } }));
    const name = real(placeholder);
    const err = await refusal(entries);
    expect(err.entry).toBe(name);
    expect(err.message).toContain(JSON.stringify(name));
    expect(err.reason).toMatch(reason);
    expectNothingOutside();
  });

  it('a symlink to a directory outside, then a file written through it', async () => {
    const err = await refusal([link('evil', outside), file('evil/victim', 'pwned\n')]);
    expect(err.entry).toBe('evil');
    expect(existsSync(join(to, 'evil'))).toBe(false);
    expectNothingOutside();
  });

  it('a file written through a link the archive itself created (even one pointing inside)', async () => {
    const err = await refusal([dirEntry('sub'), link('inside', 'sub'), file('inside/x')]);
    expect(err.entry).toBe('inside/x');
    expect(err.reason).toMatch(/inside is a symbolic link/);
    expect(readdirSync(join(to, 'sub'))).toEqual([]);
  });

  it('a file written through a link that already exists in the restore directory', async () => {
    symlinkSync(outside, join(to, 'planted'));
    const err = await refusal([file('planted/victim', 'pwned\n')]);
    expect(err.entry).toBe('planted/victim');
    expectNothingOutside();
  });

  it('stops at the refused entry: what came before is restored, nothing after', async () => {
    await refusal([file('first'), file('../escape'), file('after')]);
    expect(readdirSync(to)).toEqual(['first']);
    expectNothingOutside();
  });

  it('a directory carrying data (readers disagree on whether it holds more headers)', async () => {
    const hidden = Buffer.concat([ustarHeader('hidden', '0', 3), Buffer.from('abc'), Buffer.alloc(509)]);
    const archive = Buffer.concat([ustarHeader('d/', '5', hidden.length), hidden, Buffer.alloc(1024)]);
    const err: unknown = await restoreTar(streamOf(archive), { to }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsafeArchiveError);
    expect((err as UnsafeArchiveError).reason).toBe('a directory entry carrying 1024 bytes of data');
    expect(readdirSync(to)).toEqual([]);
  });

  it('refuses a device even when readTar is used alone', async () => {
    const archive = await craft([file('ok'), { header: { name: 'null', type: 'character-device', devmajor: 1, devminor: 3 } }]);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const e of readTar(streamOf(archive))) seen.push(e.path);
      })(),
    ).rejects.toThrow(UnsafeArchiveError);
    expect(seen).toEqual(['ok']);
  });

  it('leaves /etc/passwd alone (the link to it is refused before it exists)', async () => {
    const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    const was = hash('/etc/passwd');
    await refusal([link('passwd', '/etc/passwd')]);
    expect(existsSync(join(to, 'passwd'))).toBe(false);
    expect(hash('/etc/passwd')).toBe(was);
  });
});
