import type { Db } from '../../store';

/**
 * The incident report's slots for the post-incident review (issue 12 §2), filled from the reviews
 * domain by reviewSource.ts. Without a `ReviewSource` (a report built elsewhere), the report says
 * the review, key events and action items are not available, and its body timeline points to the
 * appendix.
 */
export interface ReportReview {
  /** `final` while its latest version is the one signed off, else `draft`. */
  status: string;
  /** The version reported (the latest), who saved it and when. */
  version: number;
  savedBy: string | null;
  savedAt: string | null;
  signedOffBy: string | null;
  signedOffAt: string | null;
  /** Anything a reader must know about the status (a sign-off reopened by a later save, and why). */
  note: string | null;
  /** The review's parts in order (executive summary, root cause …), each Markdown. */
  parts: { title: string; markdown: string }[];
}

export interface ReportActionItem {
  title: string;
  owner: string | null;
  due: string | null;
  /** open, done, won't do … */
  status: string;
  /** A done note or a won't-do reason. */
  note: string | null;
}

export interface ReviewSource {
  review(db: Db, ref: string): ReportReview | null;
  /** Sequence numbers of the starred timeline events, in log order. */
  keyEventSeqs(db: Db, ref: string): number[];
  actionItems(db: Db, ref: string): ReportActionItem[];
}
