import type { Readable } from 'node:stream';
import type { HashWorker } from './HashWorker';

/** The three kinds of entry a Firebreak archive holds; everything else is refused on read. */
export type TarEntryType = 'file' | 'directory' | 'symlink';

/** One thing to put in an archive, as the backup walker stat'ed it. */
export interface TarSourceEntry {
  /** Relative POSIX path inside the archive, canonical (see parseArchivePath): `a/b/c`. */
  path: string;
  /** Where to read it from now. */
  absPath: string;
  type: TarEntryType;
  /** Permission bits (st_mode & 0o7777). */
  mode: number;
  mtimeMs: number;
  /** Bytes to store for a file: exactly this many are read, whatever the file holds by then. */
  size: number;
  /** For a symlink: its target, stored verbatim. */
  linkTarget?: string;
}

export interface PackHooks {
  /** A file is completely in the archive: `sha256` (hex) is of exactly the `size` bytes stored. */
  onFile?(e: { path: string; size: number; sha256: string }): void;
  /** Progress: `n` more bytes of file content have been read into the archive. */
  onBytes?(n: number): void;
  /** Stops packing: the promise rejects with the signal's reason and `out` is destroyed. */
  signal?: AbortSignal;
  /** The hashing worker to use (shared with the caller's own hashing); else packTar starts one. */
  hasher?: HashWorker;
}

/** One entry read from an archive, already checked by readTar. */
export interface TarEntry {
  /** Canonical relative path (no `./`, no trailing slash). */
  path: string;
  type: TarEntryType;
  /** Content bytes: 0 for directories and symlinks. */
  size: number;
  /** Permission bits as stored (mode & 0o7777). */
  mode: number;
  /** Whole seconds unless the archive carries a pax `mtime` with a fraction (GNU tar --format=posix). */
  mtimeMs: number;
  linkTarget?: string;
  /**
   * The content. Read it before asking for the next entry, or leave it: what is left unread is
   * skipped when iteration moves on.
   */
  stream: Readable;
}

/** What a manifest says about a file, to check a restore or a verification against. */
export interface ExpectedFile {
  sha256: string;
  size: number;
}

export interface RestoreOptions {
  /** Directory to restore into; created if missing. */
  to: string;
  /** Archive paths, files or directory prefixes, to restore; absent means everything. */
  only?: string[];
  /** Replace existing files and symlinks (never a directory by a file or link). */
  overwrite?: boolean;
  /** Manifest per file path: every restored file is hashed and checked before it is renamed into place. */
  expected?: Map<string, ExpectedFile>;
  /**
   * The modification time (ms) to give an entry instead of its header's, which tar rounds to the
   * second (a backup's manifest has it to the millisecond, and an unchanged file's bytes may come
   * from an older archive whose header has an older time). Undefined: the header's.
   */
  mtimeOf?: (path: string) => number | undefined;
}

export interface RestoreResult {
  /** Archive paths restored (files, directories, symlinks), in archive order. */
  restored: string[];
  /** File content bytes written. */
  bytes: number;
  /** Entries of `only` that matched nothing in the archive. */
  unmatched: string[];
}

export interface VerifyProblem {
  path: string;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: VerifyProblem[];
  /** Files in the archive, and their content bytes, all re-hashed. */
  files: number;
  bytes: number;
}
