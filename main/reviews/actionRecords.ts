import { ACTION_STATUS_LABEL, ApiFailure, formatActionId, type ActionItem, type ActionStatus } from '../../contract';
import type { Db } from '../store';

export interface ActionRow {
  id: number;
  ref: string;
  incidentTitle: string;
  /** The incident is an exercise (0/1 as stored). */
  exercise: number;
  title: string;
  owner: string;
  /** The due date (YYYY-MM-DD) and the instant it ends (when the item becomes overdue). */
  due: string;
  dueAt: string;
  status: ActionStatus;
  note: string | null;
  closedBy: string | null;
  closedAt: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** The columns of an item with its incident's title, as ActionRow names them. */
export const ACTION_SELECT = `SELECT a.id, a.incident_ref AS ref, i.title AS incidentTitle, i.exercise, a.title, a.owner, a.due_date AS due, a.due_at AS dueAt, a.status,
  a.status_note AS note, a.closed_by AS closedBy, a.closed_at AS closedAt, a.version, a.created_by AS createdBy, a.created_at AS createdAt,
  a.updated_by AS updatedBy, a.updated_at AS updatedAt
  FROM action_items a JOIN incidents i ON i.ref = a.incident_ref`;

export const toActionItem = (row: ActionRow, now: string): ActionItem => ({ ...row, exercise: row.exercise === 1, overdue: row.status === 'open' && row.dueAt < now });

export function readActionRow(db: Db, id: number): ActionRow {
  const row = db.prepare(`${ACTION_SELECT} WHERE a.id = ?`).get(id) as ActionRow | undefined;
  if (!row) throw new ApiFailure('NOT_FOUND', `no action item ${formatActionId(id)}`);
  return row;
}

/** "A-12 is done (by lena at …)": why a closed item cannot take this change. */
export const describeClosed = (row: ActionRow): string =>
  `${formatActionId(row.id)} is ${ACTION_STATUS_LABEL[row.status]} (by ${row.closedBy ?? '?'} at ${row.closedAt ?? '?'})`;

export type ActionChange = 'added' | 'updated' | 'done' | 'wont_do' | 'reopened';

/**
 * Writes the item's next state: first the version row (kept for ever), then the item row, which
 * the schema lets move only to the state of that version (migration 0180).
 */
export function writeActionVersion(
  db: Db,
  next: Pick<ActionRow, 'id' | 'title' | 'owner' | 'due' | 'dueAt' | 'status' | 'note' | 'closedBy' | 'closedAt' | 'version'>,
  change: ActionChange,
  reason: string | null,
  actor: string,
  now: string,
  eventSeq: number,
): void {
  db.prepare(
    `INSERT INTO action_item_versions (item_id, version, change, title, owner, due_at, due_date, status, note, reason, changed_by, changed_at, event_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(next.id, next.version, change, next.title, next.owner, next.dueAt, next.due, next.status, next.note, reason, actor, now, eventSeq);
  if (change === 'added') return;
  db.prepare(
    `UPDATE action_items SET title = ?, owner = ?, due_at = ?, due_date = ?, status = ?, status_note = ?, closed_by = ?, closed_at = ?, version = ?, updated_by = ?, updated_at = ?
     WHERE id = ?`,
  ).run(next.title, next.owner, next.dueAt, next.due, next.status, next.note, next.closedBy, next.closedAt, next.version, actor, now, next.id);
}
