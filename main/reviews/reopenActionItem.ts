import { ApiFailure, formatActionId, type ActionItem } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { readActionRow, toActionItem, writeActionVersion } from './actionRecords';

/** Opens a done or won't-do item again, with the reason: a new version, recorded as `action.reopened` with what it was. */
export function reopenActionItem(db: Db, input: { id: number; reason: string }, actor: string, now: string): ActionItem {
  return db.transaction(() => {
    const row = readActionRow(db, input.id);
    if (row.status === 'open') throw new ApiFailure('CONFLICT', `${formatActionId(row.id)} is open already: nothing to reopen`);
    const reason = input.reason.trim();
    const event = appendEvent(db, {
      actor, type: 'action.reopened', incidentRef: row.ref, ts: now,
      data: { id: row.id, title: row.title, was: row.status, reason },
    });
    writeActionVersion(db, { ...row, status: 'open', note: null, closedBy: null, closedAt: null, version: row.version + 1 }, 'reopened', reason, actor, now, event.seq);
    return toActionItem(readActionRow(db, row.id), now);
  }).immediate();
}
