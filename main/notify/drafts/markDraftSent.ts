import { ApiFailure, type Draft, type ExportFormat, type SendChannel } from '../../../contract';
import type { Db } from '../../store';
import { appendEvent } from '../../timeline';
import { readDraft } from './readDraft';
import { refuseIfSent } from './refuseIfSent';

export interface MarkSentInput {
  id: string;
  channel: SendChannel;
  recipient: string;
  sentAt?: string | undefined;
  sha256?: string | undefined;
  format?: ExportFormat | undefined;
}

/** Some leeway for clocks that disagree between the sender's machine and this one. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Records that the approved notice went out: channel, recipient, time and the SHA-256 of exactly
 * what was sent (the exported file's, when the caller gives it, else the approved body's) as
 * `notify.sent` in the hash chain. From then on the draft is frozen.
 */
export function markDraftSent(db: Db, input: MarkSentInput, actor: string, now: string): Draft {
  return db.transaction(() => {
    const draft = readDraft(db, input.id);
    refuseIfSent(draft, 'sent again');
    if (draft.status !== 'approved') {
      throw new ApiFailure('CONFLICT', `version ${draft.version} has ${draft.approvals.length} of ${draft.requiredApprovals} approval(s): approve it before recording it as sent`);
    }
    const at = input.sentAt === undefined ? now : new Date(input.sentAt).toISOString();
    if (Date.parse(at) > Date.parse(now) + FUTURE_SLACK_MS) {
      throw new ApiFailure('VALIDATION', `sentAt: ${input.sentAt ?? at} is in the future`, { issues: ['sentAt: in the future'] });
    }
    const sha256 = input.sha256 ?? draft.bodySha256;
    const hashOf = input.format ?? 'body';
    const event = appendEvent(db, {
      actor, type: 'notify.sent', incidentRef: draft.ref, ts: now,
      data: {
        draftId: draft.id, version: draft.version, regimeId: draft.regimeId, stage: draft.stage, audience: draft.audience,
        channel: input.channel, recipient: input.recipient, at, sha256, hashOf, bodySha256: draft.bodySha256,
      },
    });
    db.prepare(
      'INSERT INTO notify_draft_sent (draft_id, version, channel, recipient, sent_at, sha256, hash_of, by, recorded_at, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(draft.id, draft.version, input.channel, input.recipient, at, sha256, hashOf, actor, now, event.seq);
    return readDraft(db, draft.id);
  }).immediate();
}
