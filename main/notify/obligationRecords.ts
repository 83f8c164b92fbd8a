import type { ObligationDecision } from '../../contract';
import type { Db } from '../store';

/** A notice recorded as sent, with what it was for. */
export interface SentNotice {
  draftId: string;
  regimeId: string;
  stage: string;
  audience: string;
  sentAt: string;
  sentBy: string;
  channel: string;
  recipient: string;
}

/** Every notice of an incident recorded as sent, earliest first (the first one per regime, stage and audience meets it). */
export function readSentNotices(db: Db, ref: string): SentNotice[] {
  return db
    .prepare(
      `SELECT d.id AS draftId, d.regime_id AS regimeId, d.stage AS stage, d.audience AS audience, s.sent_at AS sentAt, s.by AS sentBy,
              s.channel AS channel, s.recipient AS recipient
         FROM notify_draft_sent s JOIN notify_drafts d ON d.id = s.draft_id
        WHERE d.incident_ref = ? ORDER BY s.sent_at, s.recorded_at, d.id`,
    )
    .all(ref) as SentNotice[];
}

/** The decision in force per regime for an incident: the latest recorded (notify_decisions is append-only). */
export function readDecisions(db: Db, ref: string): Map<string, ObligationDecision> {
  const rows = db
    .prepare('SELECT regime_id AS regimeId, decision, reason, by, at FROM notify_decisions WHERE incident_ref = ? ORDER BY id')
    .all(ref) as (ObligationDecision & { regimeId: string })[];
  const latest = new Map<string, ObligationDecision>();
  for (const { regimeId, ...d } of rows) latest.set(regimeId, d);
  return latest;
}
