import { ApiFailure, type Draft } from '../../../contract';
import type { Db } from '../../store';
import type { RegimeLibrary } from '../RegimeLibrary';
import { createDraft } from './createDraft';
import { readDraft } from './readDraft';

/**
 * A new draft that follows a sent notice (the only way to add to or correct one), for the same
 * regime, stage and audience, written from the facts as they are now and linked to the original.
 */
export function supplementDraft(db: Db, library: RegimeLibrary, id: string, actor: string, now: string): Draft {
  return db.transaction(() => {
    const original = readDraft(db, id);
    if (!original.sent) {
      throw new ApiFailure('CONFLICT', `notification draft ${id} has not been sent: revise it instead of supplementing it`);
    }
    return createDraft(
      db, library,
      { ref: original.ref, regimeId: original.regimeId, stage: original.stage ?? undefined, audience: original.audience, twoApprovers: original.requiredApprovals === 2 },
      actor, now,
      { id: original.id, title: original.title, sentAt: original.sent.at },
    );
  }).immediate();
}
