import type { ReviewHistory } from '../../contract';
import type { Db } from '../store';
import { getIncident } from '../incidents';
import { toVersionRow } from './reviewRecords';

/** A page of the review's versions, newest first (who, when, which sections, the hash), with the sign-offs of those versions. */
export function reviewHistory(db: Db, input: { ref: string; offset: number; limit: number }): ReviewHistory {
  const { ref, offset, limit } = input;
  getIncident(db, ref);
  const total = (db.prepare('SELECT COALESCE(MAX(version), 0) AS n FROM review_versions WHERE incident_ref = ?').get(ref) as { n: number }).n;
  const rows = (db.prepare('SELECT * FROM review_versions WHERE incident_ref = ? ORDER BY version DESC LIMIT ? OFFSET ?').all(ref, limit, offset) as Parameters<typeof toVersionRow>[0][])
    .map(toVersionRow);
  const newest = rows[0]?.version ?? 0;
  const oldest = rows.at(-1)?.version ?? 0;
  const signOffs = db
    .prepare(`SELECT version, signed_by AS by, signed_at AS at, event_seq AS eventSeq FROM review_signoffs
              WHERE incident_ref = ? AND version BETWEEN ? AND ? ORDER BY id DESC`)
    .all(ref, oldest, newest) as ReviewHistory['signOffs'];
  return {
    ref,
    total,
    offset,
    versions: rows.map((r) => ({
      version: r.version, by: r.by, at: r.at, changed: r.changed, sha256: r.sha256, eventSeq: r.eventSeq,
      reopened: r.reopenedFrom !== null ? { fromVersion: r.reopenedFrom, reason: r.reopenReason ?? '' } : null,
    })),
    signOffs,
  };
}
