import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RUNBOOK_FILE_NAME } from '../../contract/runbookTerms';

export interface ResolvedPaths {
  /** The files to check, in the order given; a folder's files sorted by name. Each file once. */
  files: string[];
  /** Paths that cannot be checked, each as one sentence naming the path. */
  problems: string[];
}

/** Why a path cannot be read, in words (the error code alone, EACCES, says little to most people). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

type Kind = 'file' | 'directory' | 'other';

/** What a path is, following symbolic links. */
function kindOf(path: string): Kind {
  const st = statSync(path);
  return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
}

/**
 * The files `runbook lint PATH…` checks. A file is checked whatever its name (it was named on
 * purpose); a directory stands for its `*.yaml` and `*.yml` files — the files the app loads from a
 * runbook folder, which it reads without subfolders, so subfolders are not searched here either
 * (a nested folder would be checked by lint and then never loaded). A folder without one is a
 * problem, not a pass: a lint that checked nothing must not say OK.
 */
export function resolveRunbookPaths(paths: readonly string[]): ResolvedPaths {
  const files: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const path of paths) {
    let kind: Kind;
    try {
      kind = kindOf(path);
    } catch (err) {
      problems.push(`cannot read ${path}: ${describeFsError(err)}`);
      continue;
    }
    // A device or a pipe could be read forever: only regular files are runbooks.
    if (kind === 'other') problems.push(`cannot read ${path}: not a regular file or a directory`);
    if (kind === 'file') add(path);
    if (kind !== 'directory') continue;
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (err) {
      problems.push(`cannot list directory ${path}: ${describeFsError(err)}`);
      continue;
    }
    // Sorted as the app sorts a runbook folder, so both list the files in one order.
    let found = 0;
    for (const name of names.filter((n) => RUNBOOK_FILE_NAME.test(n)).sort()) {
      const file = join(path, name);
      let entry: Kind;
      try {
        entry = kindOf(file);
      } catch (err) {
        problems.push(`cannot read ${file}: ${describeFsError(err)}`);
        found++;
        continue;
      }
      if (entry === 'directory') continue;
      found++;
      if (entry === 'other') problems.push(`cannot read ${file}: not a regular file`);
      else add(file);
    }
    if (found === 0) problems.push(`no runbook files in directory ${path} (no *.yaml or *.yml file; subdirectories are not searched)`);
  }
  return { files, problems };
}
