import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, utimesSync, writeFileSync, chmodSync, lutimesSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pack, type Header } from 'tar-stream';
import { packTar, type TarSourceEntry } from '../../../../main/backups/tar';

/** Every entry under `root` as the backup walker would list it: parents before children, sorted. */
export function walk(root: string, rel = ''): TarSourceEntry[] {
  const out: TarSourceEntry[] = [];
  for (const name of readdirSync(join(root, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const absPath = join(root, path);
    const st = lstatSync(absPath);
    const common = { path, absPath, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs };
    if (st.isDirectory()) {
      out.push({ ...common, type: 'directory', size: 0 });
      out.push(...walk(root, path));
    } else if (st.isSymbolicLink()) {
      out.push({ ...common, type: 'symlink', size: 0, linkTarget: readlinkSync(absPath) });
    } else {
      out.push({ ...common, type: 'file', size: st.size });
    }
  }
  return out;
}

export interface Snap {
  type: 'file' | 'directory' | 'symlink';
  mode?: number;
  /** Whole seconds: all a ustar header keeps. */
  mtime: number;
  sha256?: string;
  target?: string;
}

/** What a restore must reproduce, per path: type, content hash or link target, mode, mtime (s). */
export function snapshot(root: string): Map<string, Snap> {
  const out = new Map<string, Snap>();
  for (const e of walk(root)) {
    const mtime = Math.floor(e.mtimeMs / 1000);
    if (e.type === 'symlink') out.set(e.path, { type: e.type, mtime, target: e.linkTarget });
    else if (e.type === 'directory') out.set(e.path, { type: e.type, mode: e.mode, mtime });
    else out.set(e.path, { type: e.type, mode: e.mode, mtime, sha256: sha256(readFileSync(e.absPath)) });
  }
  return out;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export const LONG_DIR = `long-${'d'.repeat(120)}`;
export const LONG_FILE = `${'f'.repeat(140)}.txt`;
export const UNICODE_DIR = 'ünïcødé 日本語';
export const UNICODE_FILE = `${'é'.repeat(100)}-🔥.md`;

const T = (s: number) => 1_600_000_000 + s;

/**
 * A tree with what a backup must survive: nesting, empty files and directories, a few MiB of
 * random bytes, names over 100 characters and a path over 255 bytes, multi-byte names, links,
 * modes 0600/0644/0755/0700 and mtimes with a sub-second part.
 */
export function makeTree(root: string): void {
  const file = (path: string, data: Buffer | string, mode: number, s: number) => {
    writeFileSync(join(root, path), data);
    chmodSync(join(root, path), mode);
    utimesSync(join(root, path), T(s), T(s) + 0.123);
  };
  const dir = (path: string, mode: number) => mkdirSync(join(root, path), { mode });
  dir('a', 0o755);
  dir('a/b', 0o755);
  dir('a/b/c', 0o700);
  dir('empty', 0o755);
  dir(LONG_DIR, 0o755);
  dir(UNICODE_DIR, 0o755);
  file('a/one.txt', 'one\n', 0o644, 1);
  file('a/empty.bin', '', 0o644, 2);
  file('a/b/run.sh', '#!/bin/sh\necho hi\n', 0o755, 3);
  file('a/b/c/secret', 'top secret\n', 0o600, 4);
  file('big.bin', randomBytes(3 * 1024 * 1024 + 333), 0o644, 5);
  file(`${LONG_DIR}/${LONG_FILE}`, 'long name\n', 0o644, 6);
  file(`${UNICODE_DIR}/${UNICODE_FILE}`, 'ünïcødé\n', 0o600, 7);
  symlinkSync('b/run.sh', join(root, 'a/run-link'));
  symlinkSync(`../${UNICODE_DIR}`, join(root, 'a/b/uni-link'));
  lutimesSync(join(root, 'a/run-link'), T(8), T(8));
  // Directories last, deepest first: creating their contents moved their mtimes.
  for (const [path, s] of [['a/b/c', 10], ['a/b', 11], ['a', 12], ['empty', 13], [LONG_DIR, 14], [UNICODE_DIR, 15]] as const) {
    utimesSync(join(root, path), T(s), T(s) + 0.5);
  }
}

export async function packToFile(entries: TarSourceEntry[], file: string): Promise<void> {
  await packTar(entries, createWriteStream(file));
}

export async function packToBuffer(entries: TarSourceEntry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  await packTar(
    entries,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        parts.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(parts);
}

/** Runs a shell command line (bash, pipefail), throwing with its stderr if it fails. */
export function sh(command: string): string {
  const r = spawnSync('bash', ['-c', `set -euo pipefail; ${command}`], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} exited ${r.status}: ${r.stderr.toString()}`);
  return r.stdout.toString();
}

export function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface CraftedEntry {
  header: Partial<Header> & { name: string };
  content?: string;
}

/** An archive written header by header with tar-stream's pack: anything a hostile tool could write. */
export async function craft(entries: CraftedEntry[]): Promise<Buffer> {
  const p = pack();
  const parts: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    p.on('data', (chunk) => parts.push(chunk as Buffer));
    p.on('end', () => resolve());
    p.on('error', reject);
  });
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      p.entry({ mtime: new Date(T(0) * 1000), ...e.header }, e.content ?? '', (err) => (err ? reject(err) : resolve()));
    });
  }
  p.finalize();
  await done;
  return Buffer.concat(parts);
}

/** A ustar header written byte by byte, for what tar-stream's pack will not produce. */
export function ustarHeader(name: string, typeflag: string, size: number): Buffer {
  const b = Buffer.alloc(512);
  b.write(name, 0);
  b.write('0000755\0', 100);
  b.write('0000000\0', 108);
  b.write('0000000\0', 116);
  b.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  b.write(`${T(0).toString(8).padStart(11, '0')}\0`, 136);
  b.write(typeflag, 156);
  b.write('ustar\0', 257);
  b.write('00', 263);
  b.fill(' ', 148, 156);
  const sum = b.reduce((n, x) => n + x, 0);
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return b;
}

export function streamOf(data: Buffer, chunk = 7919): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunk) pieces.push(data.subarray(i, i + chunk));
  return Readable.from(pieces);
}

/** Everything under `dir` (recursively, not following links), to prove a failed restore wrote nothing there. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, path));
      out.push(`${path} ${st.mode.toString(8)} ${st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) visit(path);
    }
  };
  visit('');
  return out;
}
