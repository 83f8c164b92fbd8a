import { type ActionItem } from '../../contract';
import type { Db } from '../store';
import { getIncident } from '../incidents';
import { appendEvent } from '../timeline';
import { readActionRow, toActionItem, writeActionVersion } from './actionRecords';
import { checkActionOwner } from './checkActionOwner';
import { dueOf } from './dueOf';

export interface AddActionInput {
  ref: string;
  title: string;
  owner: string;
  due: string;
}

/**
 * A new open action item on the incident, recorded as `action.added` with its title, owner and due
 * date. A due date already past is accepted (back-filling): the item is overdue at once.
 */
export function addActionItem(db: Db, input: AddActionInput, actor: string, now: string): ActionItem {
  return db.transaction(() => {
    getIncident(db, input.ref);
    checkActionOwner(db, input.owner);
    const { due, dueAt } = dueOf(input.due);
    const title = input.title.trim();
    const { lastInsertRowid } = db.prepare(
      `INSERT INTO action_items (incident_ref, title, owner, due_at, due_date, status, version, created_by, created_at, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, 'open', 1, ?, ?, ?, ?)`,
    ).run(input.ref, title, input.owner, dueAt, due, actor, now, actor, now);
    const id = Number(lastInsertRowid);
    const event = appendEvent(db, {
      actor, type: 'action.added', incidentRef: input.ref, ts: now,
      data: { id, title, owner: input.owner, due, dueAt, ...(dueAt < now ? { overdue: true } : {}) },
    });
    writeActionVersion(db, { id, title, owner: input.owner, due, dueAt, status: 'open', note: null, closedBy: null, closedAt: null, version: 1 }, 'added', null, actor, now, event.seq);
    return toActionItem(readActionRow(db, id), now);
  }).immediate();
}
