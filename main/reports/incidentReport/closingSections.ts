import type { Block } from '../render/ReportDocument';
import { formatUtc } from './formatTime';
import type { IncidentReportScope } from './IncidentReportScope';

/** The post-incident review and its action items (issue 12 §2), from the reviews domain when it is wired in. */
export function* reviewSections(s: IncidentReportScope): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'Post-incident review' };
  const review = s.reviews?.review(s.db, s.ref) ?? null;
  if (!s.reviews) yield { kind: 'paragraph', tone: 'muted', text: 'Post-incident reviews are not available in this version of Firebreak.' };
  else if (!review) yield { kind: 'paragraph', tone: 'muted', text: 'No post-incident review has been written for this incident yet.' };
  else {
    yield {
      kind: 'keyValues',
      items: [
        { key: 'Status', value: review.status === 'final' && review.signedOffBy ? `final: signed off by ${review.signedOffBy} ${formatUtc(review.signedOffAt)}` : `${review.status}: not signed off${review.note ? ` (${review.note})` : ''}` },
        { key: 'Version', value: `${review.version}${review.savedBy ? `, saved by ${review.savedBy} ${formatUtc(review.savedAt)}` : ''}` },
      ],
    };
    for (const part of review.parts) {
      yield { kind: 'heading', level: 2, text: part.title };
      if (part.markdown.trim() === '') yield { kind: 'paragraph', tone: 'muted', text: 'Not written.' };
      else yield { kind: 'markdown', text: part.markdown };
    }
  }
  yield { kind: 'heading', level: 1, text: 'Action items' };
  if (!s.reviews) {
    yield { kind: 'paragraph', tone: 'muted', text: 'Action items are not available in this version of Firebreak.' };
    return;
  }
  const items = s.reviews.actionItems(s.db, s.ref);
  yield {
    kind: 'table',
    columns: [{ header: 'Action', weight: 3 }, { header: 'Owner', weight: 0.9 }, { header: 'Due', weight: 1 }, { header: 'Status', weight: 0.9 }, { header: 'Note', weight: 2 }],
    rows: items.map((a) => [a.title, a.owner ?? '—', a.due ? a.due.slice(0, 10) : '—', a.status, a.note ?? '']),
    empty: 'No action items were recorded for this incident.',
  };
}

/**
 * The integrity anchor: the log's head and its verification when the report was generated, and
 * how anyone holding the log checks later that it still holds that event unchanged.
 */
export function* integritySection(s: Pick<IncidentReportScope, 'anchor' | 'verification'>): Generator<Block> {
  yield { kind: 'heading', level: 1, text: 'Integrity anchor' };
  const v = s.verification;
  yield {
    kind: 'keyValues',
    items: [
      { key: 'Log head at generation', value: s.anchor ? `event #${s.anchor.seq}` : 'the log was empty' },
      { key: 'Head hash (SHA-256)', value: s.anchor ? s.anchor.hash : '—' },
      { key: 'Anchor', value: s.anchor ? `${s.anchor.seq}:${s.anchor.hash}` : '—' },
      {
        key: 'Chain verification',
        value: v.ok ? `intact: ${v.count.toLocaleString('en-US')} events recomputed, every hash and link matched` : `BROKEN at event #${v.firstBadSeq ?? '?'}: ${v.problem ?? 'the chain does not verify'}`,
      },
    ],
  };
  if (!v.ok) yield { kind: 'paragraph', tone: 'warning', text: 'The event log did not verify when this report was generated: the events it lists may have been altered outside Firebreak.' };
  yield {
    kind: 'paragraph',
    text: `Generating this report was itself recorded in the log as a report.generated event carrying this anchor and the SHA-256 of this file. To check later that the log still holds what this report was made from: firebreak log verify --anchor ${s.anchor ? `${s.anchor.seq}:${s.anchor.hash}` : 'SEQ:HASH'} --report THIS-FILE (or Audit log › Verify chain › Check a report's anchor). It fails, naming the event, if any event up to the anchor was changed or removed.`,
  };
}
