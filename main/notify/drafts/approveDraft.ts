import { ApiFailure, type Draft } from '../../../contract';
import type { Db } from '../../store';
import { appendEvent } from '../../timeline';
import { readDraft } from './readDraft';
import { refuseIfSent } from './refuseIfSent';

/**
 * One approval of the latest version (`notify.draft_approved`). Refused while a placeholder
 * remains (an unknown fact must be filled in or the sentence removed first), twice by the same
 * person, and — when the plan asks for two approvers — by the person who wrote the version:
 * two people other than its author must have read the text they approve.
 */
export function approveDraft(db: Db, id: string, actor: string, now: string): Draft {
  return db.transaction(() => {
    const draft = readDraft(db, id);
    refuseIfSent(draft, 'approved again');
    if (draft.placeholders.length > 0) {
      const issues = draft.placeholders.map((p) => `placeholder: ${p}`);
      throw new ApiFailure('VALIDATION', `cannot approve version ${draft.version}: ${draft.placeholders.length} placeholder(s) remain (${draft.placeholders.join('; ')}); revise the text first`, { issues });
    }
    if (draft.approvals.some((a) => a.user === actor)) {
      throw new ApiFailure('CONFLICT', `${actor} already approved version ${draft.version}${draft.requiredApprovals === 2 ? '; the second approval must come from someone else' : ''}`);
    }
    if (draft.approvals.length >= draft.requiredApprovals) throw new ApiFailure('CONFLICT', `version ${draft.version} is already approved`);
    if (draft.requiredApprovals === 2 && draft.editedBy === actor) {
      throw new ApiFailure('CONFLICT', `two approvers are required, and neither may be the last editor: ${actor} wrote version ${draft.version}`);
    }
    const event = appendEvent(db, {
      actor, type: 'notify.draft_approved', incidentRef: draft.ref, ts: now,
      data: { draftId: id, version: draft.version, sha256: draft.bodySha256, approvals: draft.approvals.length + 1, requiredApprovals: draft.requiredApprovals },
    });
    db.prepare('INSERT INTO notify_draft_approvals (draft_id, version, user, at, event_seq) VALUES (?, ?, ?, ?, ?)').run(id, draft.version, actor, now, event.seq);
    return readDraft(db, id);
  }).immediate();
}
