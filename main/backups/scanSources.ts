import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { ApiFailure } from '../../contract';
import { basename, join, sep } from 'node:path';
import { globToRegExp } from './globToRegExp';

/** A file system object to back up, under the archive path it will have. */
export interface SourceEntry {
  path: string;
  absPath: string;
  type: 'file' | 'directory' | 'symlink';
  mode: number;
  mtimeMs: number;
  size: number;
  linkTarget?: string;
}

/** The archive folder of the database snapshot (firebreak.db, vault.json); no source takes this name. */
export const DATABASE_FOLDER = 'firebreak-data';

/** Top-level archive names for the sources: their base names, made unique (`logs`, `logs-2`). */
export function sourceNames(sources: readonly string[]): { path: string; name: string }[] {
  const used = new Set<string>([DATABASE_FOLDER]);
  return sources.map((path) => {
    const base = basename(path) || 'root';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return { path, name };
  });
}

/**
 * Everything under the sources, depth first, excluded paths left out (a glob is matched against
 * the path inside its source). Symlinks are recorded as links, never followed; sockets, FIFOs and
 * devices are skipped and reported, since no restore could recreate them faithfully.
 */
export function scanSources(sources: readonly string[], exclude: readonly string[]): { entries: SourceEntry[]; skipped: string[]; names: { path: string; name: string }[] } {
  const patterns = exclude.map(globToRegExp);
  const excluded = (rel: string) => rel !== '' && patterns.some((p) => p.test(rel));
  const entries: SourceEntry[] = [];
  const skipped: string[] = [];
  const names = sourceNames(sources);
  // An unchanged re-run is mostly this walk (docs/benchmarks.md, bench 7d): one lstat per entry and
  // nothing more per entry than the object it yields. A child's absolute path is its directory's
  // plus a name, which is what path.join would give once the directory's path is normalized:
  // the top level goes through join, everything below is built from its output.
  const visit = (abs: string, rel: string, top: string): void => {
    if (patterns.length > 0 && excluded(rel)) return;
    const st = lstatSync(abs);
    const path = rel === '' ? top : `${top}/${rel}`;
    const mode = st.mode & 0o7777;
    const mtimeMs = Math.floor(st.mtimeMs);
    if (st.isSymbolicLink()) entries.push({ path, absPath: abs, type: 'symlink', mode, mtimeMs, size: 0, linkTarget: readlinkSync(abs) });
    else if (st.isFile()) entries.push({ path, absPath: abs, type: 'file', mode, mtimeMs, size: st.size });
    else if (st.isDirectory()) {
      entries.push({ path, absPath: abs, type: 'directory', mode, mtimeMs, size: 0 });
      const children = readdirSync(abs).sort();
      if (rel === '') {
        for (const child of children) visit(join(abs, child), child, top);
      } else {
        const prefix = abs.endsWith(sep) ? abs : abs + sep;
        for (const child of children) visit(prefix + child, `${rel}/${child}`, top);
      }
    } else skipped.push(abs);
  };
  for (const { path, name } of names) {
    if (!existsSync(path)) throw new ApiFailure('NOT_FOUND', `source ${path} does not exist (is the disk or share mounted?)`);
    visit(path, '', name);
  }
  return { entries, skipped, names };
}
