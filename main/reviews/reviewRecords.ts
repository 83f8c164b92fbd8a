import { createHash } from 'node:crypto';
import { REVIEW_SECTIONS, type ReviewSection, type ReviewSections } from '../../contract';
import type { Db } from '../store';
import { canonicalJson } from '../timeline';

/** Every section empty: the review before its first save (version 0). */
export const EMPTY_SECTIONS: Readonly<ReviewSections> = Object.freeze(
  Object.fromEntries(REVIEW_SECTIONS.map((s) => [s, ''])) as ReviewSections,
);

export interface VersionRow {
  version: number;
  sections: ReviewSections;
  changed: ReviewSection[];
  sha256: string;
  by: string;
  at: string;
  reopenedFrom: number | null;
  reopenReason: string | null;
  eventSeq: number;
}

export interface SignOffRow {
  version: number;
  by: string;
  at: string;
  eventSeq: number;
}

interface RawVersion {
  version: number;
  sections: string;
  changed: string;
  sha256: string;
  saved_by: string;
  saved_at: string;
  reopened_from: number | null;
  reopen_reason: string | null;
  event_seq: number;
}

/** Sections as stored, completed with empty ones (a section added in a later release reads as empty). */
function readSections(json: string): ReviewSections {
  const stored = JSON.parse(json) as Partial<Record<string, unknown>>;
  return Object.fromEntries(REVIEW_SECTIONS.map((s) => [s, typeof stored[s] === 'string' ? stored[s] : ''])) as ReviewSections;
}

export const toVersionRow = (r: RawVersion): VersionRow => ({
  version: r.version,
  sections: readSections(r.sections),
  changed: JSON.parse(r.changed) as ReviewSection[],
  sha256: r.sha256,
  by: r.saved_by,
  at: r.saved_at,
  reopenedFrom: r.reopened_from,
  reopenReason: r.reopen_reason,
  eventSeq: r.event_seq,
});

/** The latest version, or the one asked for; null when there is none. */
export function readVersion(db: Db, ref: string, version?: number): VersionRow | null {
  const row = (version === undefined
    ? db.prepare('SELECT * FROM review_versions WHERE incident_ref = ? ORDER BY version DESC LIMIT 1').get(ref)
    : db.prepare('SELECT * FROM review_versions WHERE incident_ref = ? AND version = ?').get(ref, version)) as RawVersion | undefined;
  return row ? toVersionRow(row) : null;
}

export function latestSignOff(db: Db, ref: string): SignOffRow | null {
  const row = db
    .prepare('SELECT version, signed_by AS by, signed_at AS at, event_seq AS eventSeq FROM review_signoffs WHERE incident_ref = ? ORDER BY id DESC LIMIT 1')
    .get(ref) as SignOffRow | undefined;
  return row ?? null;
}

/**
 * SHA-256 of the sections as canonical JSON (the log's own canonical form, docs/log-format.md):
 * the `review.saved` event carries it, so the text of every version is anchored in the chain
 * without the text itself (which may name people) being in the log.
 */
export function hashSections(sections: ReviewSections): string {
  return createHash('sha256').update(canonicalJson(sections), 'utf8').digest('hex');
}
