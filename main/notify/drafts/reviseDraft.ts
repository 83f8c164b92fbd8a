import { ApiFailure, type Draft } from '../../../contract';
import type { Db } from '../../store';
import { appendEvent } from '../../timeline';
import { placeholdersIn, readDraft } from './readDraft';
import { refuseIfSent } from './refuseIfSent';
import { sha256Hex } from './sha256Hex';

/**
 * A new version with the given text (and subject line). Versions are never overwritten, and
 * approvals belong to the version they were given for, so revising an approved draft sends it
 * back for approval. Recorded as `notify.draft_revised`.
 */
export function reviseDraft(db: Db, input: { id: string; body: string; title?: string | undefined }, actor: string, now: string): Draft {
  return db.transaction(() => {
    const latest = readDraft(db, input.id);
    refuseIfSent(latest, 'revised');
    // One line ending everywhere, so the hash and the diff do not depend on the editor's platform.
    const body = input.body.replace(/\r\n?/g, '\n');
    const title = input.title ?? latest.title;
    if (body === latest.body && title === latest.title) {
      throw new ApiFailure('VALIDATION', 'nothing to change: the text is that of the latest version', { issues: ['body: no change'] });
    }
    const version = latest.latestVersion + 1;
    const sha256 = sha256Hex(body);
    const event = appendEvent(db, {
      actor, type: 'notify.draft_revised', incidentRef: latest.ref, ts: now,
      data: { draftId: latest.id, version, sha256, placeholders: placeholdersIn(title, body), approvalsCleared: latest.approvals.length },
    });
    db.prepare('INSERT INTO notify_draft_versions (draft_id, version, title, body, sha256, created_at, created_by, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(latest.id, version, title, body, sha256, now, actor, event.seq);
    return readDraft(db, latest.id);
  }).immediate();
}
