import { ApiFailure, type Draft } from '../../../contract';
import type { Db } from '../../store';
import type { RegimeLibrary } from '../RegimeLibrary';
import { composeFromFacts } from './createDraft';
import { readDraft } from './readDraft';
import { refuseIfSent } from './refuseIfSent';
import { reviseDraft } from './reviseDraft';

/**
 * Writes the draft again from the facts as they are now (a fact filled in since, a new letterhead)
 * as its next version: hand edits of the latest version are replaced, and stay in the earlier
 * version and the diff. Like any revision it clears the approvals; a sent notice is refused.
 */
export function recomposeDraft(db: Db, library: RegimeLibrary, id: string, actor: string, now: string): Draft {
  return db.transaction(() => {
    const draft = readDraft(db, id);
    refuseIfSent(draft, 'rewritten from the facts');
    let supplementTo = null;
    if (draft.supplementTo !== null) {
      const original = readDraft(db, draft.supplementTo);
      if (!original.sent) throw new ApiFailure('CONFLICT', `the notice ${original.id} this one supplements is not sent`);
      supplementTo = { id: original.id, title: original.title, sentAt: original.sent.at };
    }
    const { composed } = composeFromFacts(db, library, { ref: draft.ref, regimeId: draft.regimeId, stage: draft.stage ?? undefined, audience: draft.audience }, now, supplementTo);
    return reviseDraft(db, { id, body: composed.body, title: composed.title }, actor, now);
  }).immediate();
}
