import { ApiFailure, REVIEW_SECTIONS, type Review, type ReviewSection, type ReviewSections } from '../../contract';
import type { Db } from '../store';
import { getIncident } from '../incidents';
import { appendEvent } from '../timeline';
import { getReview } from './getReview';
import { EMPTY_SECTIONS, hashSections, latestSignOff, readVersion } from './reviewRecords';

export interface SaveReviewInput {
  ref: string;
  baseVersion: number;
  sections: Partial<Record<ReviewSection, string | undefined>>;
  reason?: string | undefined;
}

/** One line ending everywhere, so the hash and the "changed" list do not depend on the writer's platform. */
const tidy = (text: string): string => text.replace(/\r\n?/g, '\n');

/**
 * Saves a new version of the review: the base version's sections with the given ones in place.
 * Nothing is overwritten: every version stays. Refused, changing nothing, when someone saved after
 * `baseVersion` (CONFLICT, naming who and when), when no section changes, and when the review is
 * signed off and no reason is given — a save reopens a final review, which is logged
 * (`review.reopened`) with who and why. Recorded as `review.saved` with the version, the sections
 * changed and the SHA-256 of the text (never the text: it may name people).
 */
export function saveReview(db: Db, input: SaveReviewInput, actor: string, now: string): Review {
  return db.transaction(() => {
    const { ref } = input;
    getIncident(db, ref);
    const latest = readVersion(db, ref);
    const current = latest?.version ?? 0;
    if (input.baseVersion > current) {
      throw new ApiFailure('VALIDATION', `the review of ${ref} has no version ${input.baseVersion}: the latest is ${current}; save on that`, {
        issues: [`baseVersion: the latest version is ${current}`],
      });
    }
    if (latest && input.baseVersion < current) {
      throw new ApiFailure('CONFLICT', `someone else saved version ${current} meanwhile (${latest.by} at ${latest.at}), after the version ${input.baseVersion} you wrote on: nothing was saved. Compare your text with version ${current}, then save again`);
    }
    const base: ReviewSections = latest ? latest.sections : { ...EMPTY_SECTIONS };
    const next: ReviewSections = { ...base };
    const changed: ReviewSection[] = [];
    for (const section of REVIEW_SECTIONS) {
      const given = input.sections[section];
      if (given === undefined) continue;
      const text = tidy(given);
      if (text === base[section]) continue;
      next[section] = text;
      changed.push(section);
    }
    if (changed.length === 0) {
      throw new ApiFailure('VALIDATION', `nothing to save: the sections you sent have the text of version ${current} already`, { issues: ['sections: no change'] });
    }
    const signOff = latestSignOff(db, ref);
    const final = signOff !== null && signOff.version === current;
    const reason = input.reason?.trim();
    if (final && !reason) {
      throw new ApiFailure('VALIDATION', `the review of ${ref} is final (version ${current}, signed off by ${signOff.by} at ${signOff.at}): saving reopens it, so say why (reason); nothing was saved`, {
        issues: ['reason: required to change a signed-off review'],
      });
    }
    const version = current + 1;
    const sha256 = hashSections(next);
    const saved = appendEvent(db, {
      actor, type: 'review.saved', incidentRef: ref, ts: now,
      // A reopening's reason goes with review.reopened; any other reason given stays with the save.
      data: { version, changed, sha256, ...(reason && !final ? { reason } : {}) },
    });
    if (final) {
      appendEvent(db, {
        actor, type: 'review.reopened', incidentRef: ref, ts: now,
        data: { fromVersion: current, version, signedOffBy: signOff.by, reason: reason ?? '' },
      });
    }
    db.prepare(
      `INSERT INTO review_versions (incident_ref, version, sections, changed, sha256, saved_by, saved_at, reopened_from, reopen_reason, event_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(ref, version, JSON.stringify(next), JSON.stringify(changed), sha256, actor, now, final ? current : null, final ? (reason ?? null) : null, saved.seq);
    return getReview(db, ref);
  }).immediate();
}

