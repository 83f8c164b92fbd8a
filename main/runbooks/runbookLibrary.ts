import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ApiFailure, type RunbookSummary } from '../../contract';
import { writeFileAtomic, type Db } from '../store';
import { appendEvent } from '../timeline';
import { findRunbook, type RunbookDirs } from './findRunbook';
import { formatProblem } from './formatProblem';
import { listRunbooks } from './listRunbooks';
import { loadRunbook } from './loadRunbook';
import type { LoadResult } from './types';

function summaryOf(dirs: RunbookDirs, path: string): RunbookSummary {
  const s = listRunbooks(dirs.builtin, dirs.custom).find((r) => r.file === path);
  if (!s) throw new Error(`runbook ${path} was written but is not listed`);
  return s;
}

/**
 * Saves the organisation's own runbook as `<data dir>/runbooks/<id>.yaml`, only if it passes every
 * check (a refused file changes nothing). A built-in's id is refused: duplicate it under a new id
 * instead, so a run never wonders which of two files it means.
 */
export function importRunbook(
  db: Db, dirs: RunbookDirs, actor: string, name: string, text: string, replace: boolean, now: string,
  /** The loader's result for `text` when the caller has it already (read on the runbook worker, off the event loop). */
  checked: LoadResult = loadRunbook(name, text),
): RunbookSummary {
  const result = checked;
  if (!result.ok) {
    const problems = result.problems.map((p) => formatProblem(name, p));
    throw new ApiFailure('VALIDATION', `${name} is not a valid runbook (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { issues: problems });
  }
  const { id, version } = result.runbook.definition;
  if (findRunbook(dirs, id, 'built-in').length > 0) {
    throw new ApiFailure('CONFLICT', `"${id}" is a built-in runbook; give your copy another id (or use Duplicate)`);
  }
  const path = join(dirs.custom, `${id}.yaml`);
  const existing = findRunbook(dirs, id, 'custom');
  const others = existing.filter((f) => f.path !== path);
  if (others.length > 0) throw new ApiFailure('CONFLICT', `"${id}" is already used by ${others.map((f) => f.path).join(', ')}`);
  if (existing.length > 0 && !replace) throw new ApiFailure('CONFLICT', `a runbook "${id}" already exists; replace it to save version ${version}`);
  mkdirSync(dirs.custom, { recursive: true, mode: 0o700 });
  db.transaction(() => {
    appendEvent(db, { actor, type: 'runbook.imported', ts: now, data: { id, version, contentHash: result.runbook.contentHash, file: `${id}.yaml`, replaced: existing.length > 0 } });
    // Written inside the transaction: if the file cannot be written the event is rolled back.
    writeFileAtomic(path, text, 0o600);
  }).immediate();
  return summaryOf(dirs, path);
}

/** Copies a runbook under a new id (and title) into the organisation's folder, comments kept. */
export function duplicateRunbook(db: Db, dirs: RunbookDirs, actor: string, id: string, newId: string, title: string | undefined, now: string): RunbookSummary {
  const found = findRunbook(dirs, id);
  const source = found[0];
  if (!source) throw new ApiFailure('NOT_FOUND', `no valid runbook with id "${id}"`);
  const doc = parseDocument(source.text);
  doc.set('id', newId);
  if (title !== undefined) doc.set('title', title);
  // A copy starts its own history of versions.
  doc.set('version', '1.0.0');
  return importRunbook(db, dirs, actor, `${newId}.yaml`, doc.toString({ lineWidth: 0 }), false, now);
}

/** The file's exact bytes as text. */
export function exportRunbook(dirs: RunbookDirs, id: string, source?: 'built-in' | 'custom'): { fileName: string; text: string; contentHash: string } {
  const found = findRunbook(dirs, id, source);
  const file = found[0];
  if (!file) throw new ApiFailure('NOT_FOUND', `no valid runbook with id "${id}"`);
  if (found.length > 1) throw new ApiFailure('CONFLICT', `two runbook files use the id "${id}"; say which source`);
  return { fileName: `${id}.yaml`, text: file.text, contentHash: file.contentHash };
}
