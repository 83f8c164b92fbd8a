import { ApiFailure, type Draft } from '../../../contract';

/** A sent notice is a record of what the organisation told someone: it is never changed, only followed by a supplementary notice. */
export function refuseIfSent(draft: Draft, what: string): void {
  if (draft.sent) {
    throw new ApiFailure('CONFLICT', `notification draft ${draft.id} was sent on ${draft.sent.at} and cannot be ${what}: send a supplementary notice instead (notify.drafts.supplement)`);
  }
}
