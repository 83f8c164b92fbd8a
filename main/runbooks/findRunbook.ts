import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { RUNBOOK_FILE_NAME } from '../../contract';
import { loadRunbook } from './loadRunbook';
import { runbookContentHash } from './runbookContentHash';
import type { LoadResult } from './types';

export interface RunbookDirs {
  builtin: string;
  custom: string;
}

export interface FoundRunbook {
  source: 'built-in' | 'custom';
  path: string;
  text: string;
  /** SHA-256 of the file's bytes. */
  contentHash: string;
  result: LoadResult;
}

/** Parsed files by path, reused while the file's size and mtime are unchanged (runs ask "is there a newer version?" on every view). */
const cache = new Map<string, { mtimeMs: number; size: number; found: FoundRunbook }>();

function readRunbookFile(source: FoundRunbook['source'], path: string): FoundRunbook {
  const st = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.found;
  const bytes = readFileSync(path);
  const found: FoundRunbook = { source, path, text: bytes.toString('utf8'), contentHash: runbookContentHash(bytes), result: loadRunbook(path, bytes) };
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, found });
  return found;
}

/** A folder, or a symbolic link to one: runbook folders are read without their subfolders. */
function isFolder(dir: string, e: Dirent): boolean {
  if (e.isDirectory()) return true;
  if (!e.isSymbolicLink()) return false;
  try {
    return statSync(join(dir, e.name)).isDirectory();
  } catch {
    return false;
  }
}

/** Every runbook file in both folders, valid or not, built-ins first. */
export function readRunbookFiles(dirs: RunbookDirs): FoundRunbook[] {
  const out: FoundRunbook[] = [];
  for (const [source, dir] of [['built-in', dirs.builtin], ['custom', dirs.custom]] as const) {
    if (!existsSync(dir)) continue;
    // A folder that happens to be named x.yaml is not a runbook (reading it failed the whole list).
    const names = readdirSync(dir, { withFileTypes: true }).filter((e) => RUNBOOK_FILE_NAME.test(e.name) && !isFolder(dir, e)).map((e) => e.name).sort();
    for (const name of names) out.push(readRunbookFile(source, join(dir, name)));
  }
  return out;
}

/** The valid runbooks with this id (more than one means two files claim it, which callers refuse). */
export function findRunbook(dirs: RunbookDirs, id: string, source?: FoundRunbook['source']): FoundRunbook[] {
  return readRunbookFiles(dirs).filter((f) => f.result.ok && f.result.runbook.definition.id === id && (source === undefined || f.source === source));
}
