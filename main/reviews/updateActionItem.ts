import { ApiFailure, formatActionId, type ActionItem } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { describeClosed, readActionRow, toActionItem, writeActionVersion } from './actionRecords';
import { checkActionOwner } from './checkActionOwner';
import { dueOf } from './dueOf';

export interface UpdateActionInput {
  id: number;
  title?: string | undefined;
  owner?: string | undefined;
  due?: string | undefined;
  reason?: string | undefined;
}

/**
 * Changes an open item's title, owner or due date: a new version, recorded as `action.updated`
 * with each field's before and after (and the reason, if given). Refused, changing nothing: a
 * closed item (reopen it first), no actual change, an owner who cannot work it, and moving the due
 * date of an overdue item without a reason. A new due date already past is accepted (overdue at once).
 */
export function updateActionItem(db: Db, input: UpdateActionInput, actor: string, now: string): ActionItem {
  return db.transaction(() => {
    const row = readActionRow(db, input.id);
    const label = formatActionId(row.id);
    if (row.status !== 'open') throw new ApiFailure('CONFLICT', `${describeClosed(row)}: reopen it to change it`);
    const next = { ...row };
    const changes: { field: 'title' | 'owner' | 'due'; before: string; after: string }[] = [];
    const title = input.title?.trim();
    if (title !== undefined && title !== row.title) {
      changes.push({ field: 'title', before: row.title, after: title });
      next.title = title;
    }
    if (input.owner !== undefined && input.owner !== row.owner) {
      checkActionOwner(db, input.owner);
      changes.push({ field: 'owner', before: row.owner, after: input.owner });
      next.owner = input.owner;
    }
    if (input.due !== undefined && input.due !== row.due) {
      const { due, dueAt } = dueOf(input.due);
      if (row.dueAt < now && !input.reason) {
        const message = `reason: ${label} is overdue (it was due ${row.due}); moving its due date needs a reason`;
        throw new ApiFailure('VALIDATION', `${message}; nothing was changed`, { issues: [message] });
      }
      changes.push({ field: 'due', before: row.due, after: due });
      next.due = due;
      next.dueAt = dueAt;
    }
    if (changes.length === 0) throw new ApiFailure('VALIDATION', `nothing to change: ${label} has that ${input.due !== undefined ? 'due date' : input.owner !== undefined ? 'owner' : 'title'} already`);
    next.version = row.version + 1;
    const reason = input.reason ?? null;
    const event = appendEvent(db, {
      actor, type: 'action.updated', incidentRef: row.ref, ts: now,
      data: { id: row.id, title: next.title, changes, ...(reason ? { reason } : {}) },
    });
    writeActionVersion(db, next, 'updated', reason, actor, now, event.seq);
    return toActionItem(readActionRow(db, row.id), now);
  }).immediate();
}
