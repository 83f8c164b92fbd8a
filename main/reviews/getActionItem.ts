import type { ActionItem } from '../../contract';
import type { Db } from '../store';
import { readActionRow, toActionItem } from './actionRecords';

/** One action item as it stands (NOT_FOUND naming A-<id> when there is none). */
export function getActionItem(db: Db, id: number, now: string = new Date().toISOString()): ActionItem {
  return toActionItem(readActionRow(db, id), now);
}
