import { existsSync, lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { ApiFailure } from '../../contract';
import { basename, join } from 'node:path';
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

/** Top-level archive names for the sources: their base names, made unique (`logs`, `logs-2`). */
export function sourceNames(sources: readonly string[]): { path: string; name: string }[] {
  const used = new Set<string>(['firebreak-data']);
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
  const visit = (abs: string, rel: string, top: string): void => {
    if (excluded(rel)) return;
    const st = lstatSync(abs);
    const path = rel === '' ? top : `${top}/${rel}`;
    const base = { path, absPath: abs, mode: st.mode & 0o7777, mtimeMs: Math.floor(st.mtimeMs) };
    if (st.isSymbolicLink()) entries.push({ ...base, type: 'symlink', size: 0, linkTarget: readlinkSync(abs) });
    else if (st.isFile()) entries.push({ ...base, type: 'file', size: st.size });
    else if (st.isDirectory()) {
      entries.push({ ...base, type: 'directory', size: 0 });
      for (const child of readdirSync(abs).sort()) visit(join(abs, child), rel === '' ? child : `${rel}/${child}`, top);
    } else skipped.push(abs);
  };
  for (const { path, name } of names) {
    if (!existsSync(path)) throw new ApiFailure('NOT_FOUND', `source ${path} does not exist (is the disk or share mounted?)`);
    visit(path, '', name);
  }
  return { entries, skipped, names };
}
