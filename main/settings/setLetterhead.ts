import type { Letterhead } from '../../contract';
import type { Db } from '../store';
import { appendEvent } from '../timeline';
import { getLetterhead, LETTERHEAD_KEY } from './getLetterhead';

/**
 * Replaces the letterhead and records the change in the hash chain (`settings.changed`, each
 * changed field with its old and new value: it is the organisation's public contact data, not
 * personal data to hide). Setting the same values again logs nothing.
 */
export function setLetterhead(db: Db, letterhead: Letterhead, actor: string, now: string): Letterhead {
  return db.transaction(() => {
    const before = getLetterhead(db);
    const changes: Record<string, { from: string; to: string }> = {};
    for (const key of Object.keys(letterhead) as (keyof Letterhead)[]) {
      if (before[key] !== letterhead[key]) changes[key] = { from: before[key], to: letterhead[key] };
    }
    if (Object.keys(changes).length === 0) return before;
    db.prepare(
      `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(LETTERHEAD_KEY, JSON.stringify(letterhead), now, actor);
    appendEvent(db, { actor, type: 'settings.changed', ts: now, data: { key: LETTERHEAD_KEY, changes } });
    return getLetterhead(db);
  }).immediate();
}
