import type { Letterhead } from '../../contract';
import type { Db } from '../store';
import { getLetterhead, LETTERHEAD_KEY } from './getLetterhead';
import { changedFields, writeSetting } from './writeSetting';

/**
 * Replaces the letterhead and records the change in the hash chain (`settings.changed`, each
 * changed field with its old and new value: it is the organisation's public contact data, not
 * personal data to hide). Setting the same values again logs nothing.
 */
export function setLetterhead(db: Db, letterhead: Letterhead, actor: string, now: string): Letterhead {
  return db.transaction(() => {
    writeSetting(db, LETTERHEAD_KEY, letterhead, changedFields(getLetterhead(db), letterhead), actor, now);
    return getLetterhead(db);
  }).immediate();
}
