import type { Review } from '../../../contract';
import { formatDateTime } from '../../lib/formatDateTime';

/**
 * Where the review stands, in one line nobody can misread under stress: "Version 3 · draft ·
 * saved by lena …", or "Final — signed off by maria …"; a reopened review says so, with why.
 */
export function ReviewStatusLine({ review }: { review: Review }) {
  const reopened = review.status === 'draft' && review.reopened !== null ? review.reopened : null;
  return (
    <div className={`review-status review-status-${review.status}`} data-testid="review-status" role="status">
      {review.version === 0 ? (
        <span>No version saved yet · draft</span>
      ) : review.status === 'final' && review.signedOff ? (
        <span>
          <strong>Final</strong> — signed off by <strong>{review.signedOff.by}</strong>{' '}
          <span className="muted">(version {review.signedOff.version}, {formatDateTime(review.signedOff.at)}; saved by {review.updatedBy})</span>
        </span>
      ) : (
        <span>
          Version {review.version} · <strong>draft</strong> · saved by <strong>{review.updatedBy}</strong>{' '}
          {formatDateTime(review.updatedAt)}
          {review.signedOff && !reopened && <span className="muted"> · version {review.signedOff.version} was signed off by {review.signedOff.by}</span>}
        </span>
      )}
      {reopened && (
        <p className="small review-reopened">
          Reopened by {reopened.by} {formatDateTime(reopened.at)}, after {review.signedOff?.by ?? '?'} signed off version {reopened.fromVersion}: “{reopened.reason}”. Not final until it is signed off again.
        </p>
      )}
    </div>
  );
}
