import { ApiFailure, type ActionItem } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { describeClosed, readActionRow, toActionItem, writeActionVersion } from './actionRecords';

/**
 * Ends an open item: done (with a note saying what was done) or won't do (with the reason), a
 * new version recorded as `action.done` / `action.wont_do`. A closed item is refused (reopen it first).
 */
export function closeActionItem(db: Db, input: { id: number; outcome: 'done' | 'wont_do'; text: string }, actor: string, now: string): ActionItem {
  return db.transaction(() => {
    const row = readActionRow(db, input.id);
    if (row.status !== 'open') throw new ApiFailure('CONFLICT', `${describeClosed(row)}: nothing was changed${row.status === input.outcome ? '' : '; reopen it first to change how it ended'}`);
    const text = input.text.trim();
    const event = appendEvent(db, {
      actor, type: input.outcome === 'done' ? 'action.done' : 'action.wont_do', incidentRef: row.ref, ts: now,
      data: { id: row.id, title: row.title, ...(input.outcome === 'done' ? { note: text } : { reason: text }), overdue: row.dueAt < now },
    });
    writeActionVersion(
      db, { ...row, status: input.outcome, note: text, closedBy: actor, closedAt: now, version: row.version + 1 },
      input.outcome, input.outcome === 'wont_do' ? text : null, actor, now, event.seq,
    );
    return toActionItem(readActionRow(db, row.id), now);
  }).immediate();
}
