import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

export const RUNBOOK_FILE = /\.ya?ml$/i;

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

/** Every runbook file in both folders, valid or not, built-ins first. */
export function readRunbookFiles(dirs: RunbookDirs): FoundRunbook[] {
  const out: FoundRunbook[] = [];
  for (const [source, dir] of [['built-in', dirs.builtin], ['custom', dirs.custom]] as const) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => RUNBOOK_FILE.test(n)).sort()) out.push(readRunbookFile(source, join(dir, name)));
  }
  return out;
}

/** The valid runbooks with this id (more than one means two files claim it, which callers refuse). */
export function findRunbook(dirs: RunbookDirs, id: string, source?: FoundRunbook['source']): FoundRunbook[] {
  return readRunbookFiles(dirs).filter((f) => f.result.ok && f.result.runbook.definition.id === id && (source === undefined || f.source === source));
}
