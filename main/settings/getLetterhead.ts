import { EMPTY_LETTERHEAD, letterheadSchema, type Letterhead } from '../../contract';
import type { Db } from '../store';

export const LETTERHEAD_KEY = 'letterhead';

/** The organisation's letterhead; every field empty until an administrator sets it. */
export function getLetterhead(db: Db): Letterhead {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(LETTERHEAD_KEY) as { value: string } | undefined;
  if (!row) return { ...EMPTY_LETTERHEAD };
  // Parsed again so a field added to the schema later reads as its default.
  return letterheadSchema.parse(JSON.parse(row.value));
}
