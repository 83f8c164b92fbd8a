import { ApiFailure, type Review } from '../../contract';
import type { Db } from '../store';
import { getIncident } from '../incidents';
import { appendEvent } from '../timeline';
import { getReview } from './getReview';
import { latestSignOff, readVersion } from './reviewRecords';

/**
 * Marks the latest version final (the manager's or administrator's sign-off), recorded as
 * `review.signed_off` with the version and its SHA-256. The caller names the version read, so a
 * sign-off never lands on text saved meanwhile; refused when that is not the latest version, when
 * nothing was saved yet, and when that version is signed off already.
 */
export function signOffReview(db: Db, input: { ref: string; version: number }, actor: string, now: string): Review {
  return db.transaction(() => {
    const { ref, version } = input;
    getIncident(db, ref);
    const latest = readVersion(db, ref);
    if (!latest) throw new ApiFailure('VALIDATION', `nothing to sign off: the review of ${ref} has no saved version yet`);
    if (version !== latest.version) {
      throw new ApiFailure('CONFLICT', version > latest.version
        ? `the review of ${ref} has no version ${version}: the latest is ${latest.version}`
        : `version ${version} is not the latest: ${latest.by} saved version ${latest.version} at ${latest.at}; read it before signing off. Nothing was signed off`);
    }
    const signOff = latestSignOff(db, ref);
    if (signOff && signOff.version === version) {
      throw new ApiFailure('CONFLICT', `version ${version} of the review of ${ref} is signed off already (by ${signOff.by} at ${signOff.at})`);
    }
    const event = appendEvent(db, { actor, type: 'review.signed_off', incidentRef: ref, ts: now, data: { version, sha256: latest.sha256 } });
    db.prepare('INSERT INTO review_signoffs (incident_ref, version, signed_by, signed_at, event_seq) VALUES (?, ?, ?, ?, ?)').run(ref, version, actor, now, event.seq);
    return getReview(db, ref);
  }).immediate();
}
