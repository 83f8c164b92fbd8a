import { createTwoFilesPatch, diffLines } from 'diff';
import type { DraftDiff } from '../../../contract';
import type { Db } from '../../store';
import { readDraft } from './readDraft';

/** Line by line what changed between two versions of a draft (either order). */
export function diffDraft(db: Db, id: string, from: number, to: number): DraftDiff {
  const a = readDraft(db, id, from);
  const b = readDraft(db, id, to);
  const before = `Subject: ${a.title}\n\n${a.body}`;
  const after = `Subject: ${b.title}\n\n${b.body}`;
  const lines: DraftDiff['lines'] = [];
  for (const change of diffLines(before, after)) {
    const op = change.added ? 'add' : change.removed ? 'remove' : 'same';
    for (const text of change.value.replace(/\n$/, '').split('\n')) lines.push({ op, text });
  }
  return { id, from, to, lines, unified: createTwoFilesPatch(`version ${from}`, `version ${to}`, before, after, a.editedAt, b.editedAt) };
}
