import { ACTION_STATUS_LABEL, REVIEW_SECTION_INFO, REVIEW_SECTIONS } from '../../../contract';
import { getReview, keyEventSeqs, listActionItems } from '../../reviews';
import { formatUtc } from './formatTime';
import type { ReportActionItem, ReviewSource } from './ReviewSlots';

const PAGE = 200;

/**
 * The report's review slots filled from the reviews domain (main/reviews, issue 12 §2): the
 * latest version of the review with its sign-off (or reopening), the starred key events, and
 * every action item of the incident (paged through; overdue ones marked).
 */
export const reviewSource: ReviewSource = {
  review(db, ref) {
    const r = getReview(db, ref);
    if (r.version === 0) return null;
    const reopened = r.status !== 'final' && r.reopened
      ? `reopened by ${r.reopened.by} ${formatUtc(r.reopened.at)} after the sign-off of version ${r.reopened.fromVersion}: ${r.reopened.reason}`
      : null;
    return {
      status: r.status,
      version: r.version,
      savedBy: r.updatedBy,
      savedAt: r.updatedAt,
      signedOffBy: r.status === 'final' ? (r.signedOff?.by ?? null) : null,
      signedOffAt: r.status === 'final' ? (r.signedOff?.at ?? null) : null,
      note: reopened,
      parts: REVIEW_SECTIONS.map((s) => ({ title: REVIEW_SECTION_INFO[s].title, markdown: r.sections[s] })),
    };
  },
  keyEventSeqs: (db, ref) => keyEventSeqs(db, ref),
  actionItems(db, ref) {
    const items: ReportActionItem[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = listActionItems(db, { ref, offset, limit: PAGE });
      for (const a of page.rows) {
        items.push({
          title: a.title, owner: a.owner, due: a.due,
          status: `${ACTION_STATUS_LABEL[a.status]}${a.overdue ? ' (OVERDUE)' : ''}`,
          note: a.note ? `${a.note}${a.closedBy ? ` — ${a.closedBy} ${formatUtc(a.closedAt)}` : ''}` : null,
        });
      }
      if (page.rows.length < PAGE) return items;
    }
  },
};
