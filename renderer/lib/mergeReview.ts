import { REVIEW_SECTIONS, type ReviewSection, type ReviewSections } from '../../contract';

export interface ReviewMerge {
  /** What the editor holds now. */
  merged: ReviewSections;
  /** Sections both sides changed differently: the writer's text is kept, theirs is shown beside it. */
  clashing: ReviewSection[];
  /** Sections only they changed: their text replaced the untouched one. */
  taken: ReviewSection[];
}

/**
 * Three-way merge of the review when someone saved meanwhile: `base` is the version the writer
 * started from, `mine` the editor's text, `theirs` the newer version. Nothing the writer typed is
 * dropped; a section they did not touch takes the newer text, so saving cannot undo the other
 * person's change by accident.
 */
export function mergeReview(base: ReviewSections, mine: ReviewSections, theirs: ReviewSections): ReviewMerge {
  const merged = { ...mine };
  const clashing: ReviewSection[] = [];
  const taken: ReviewSection[] = [];
  for (const s of REVIEW_SECTIONS) {
    if (theirs[s] === base[s] || mine[s] === theirs[s]) continue;
    if (mine[s] === base[s]) {
      merged[s] = theirs[s];
      taken.push(s);
    } else {
      clashing.push(s);
    }
  }
  return { merged, clashing, taken };
}
