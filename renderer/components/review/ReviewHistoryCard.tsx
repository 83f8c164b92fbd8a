import { useEffect, useState } from 'react';
import { REVIEW_SECTION_INFO, REVIEW_SECTIONS, type Review, type ReviewHistory } from '../../../contract';
import { useClient } from '../../hooks/useClient';
import { formatDateTime } from '../../lib/formatDateTime';
import { shortHash } from '../../lib/shortHash';
import { ErrorBanner } from '../common/ErrorBanner';
import { Modal } from '../common/Modal';
import { Spinner } from '../common/Spinner';
import { ReviewSectionEditor } from './ReviewSectionEditor';

const PAGE = 20;

/** Every version of the review, newest first, with its sign-offs and reopenings; any version can be read as it was. */
export function ReviewHistoryCard({ incidentRef, reloadKey }: { incidentRef: string; reloadKey: number }) {
  const client = useClient();
  const [pages, setPages] = useState<ReviewHistory[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Review | null>(null);

  useEffect(() => {
    let live = true;
    void client.call('reviews.history', { ref: incidentRef, limit: PAGE }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPages([r.value]);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [client, incidentRef, reloadKey]);

  const more = async (): Promise<void> => {
    const r = await client.call('reviews.history', { ref: incidentRef, offset: pages.length * PAGE, limit: PAGE });
    if (r.ok) setPages((p) => [...p, r.value]);
    else setError(r.error.message);
  };
  const view = async (version: number): Promise<void> => {
    const r = await client.call('reviews.get', { ref: incidentRef, version });
    if (r.ok) setViewing(r.value);
    else setError(r.error.message);
  };

  const versions = pages.flatMap((p) => p.versions);
  const signOffs = pages.flatMap((p) => p.signOffs);
  const total = pages[0]?.total ?? 0;
  return (
    <section className="card" aria-labelledby="review-history-title">
      <div className="card-header">
        <h2 id="review-history-title">Versions</h2>
        <span className="muted small">{total} saved</span>
      </div>
      <div className="card-body">
        {error && <ErrorBanner>{error}</ErrorBanner>}
        {pages.length === 0 && !error && <Spinner label="Loading the versions" />}
        {pages.length > 0 && total === 0 && <p className="muted">No version saved yet.</p>}
        {versions.length > 0 && (
          <ol className="review-versions" aria-label="Versions, newest first">
            {versions.map((v) => (
              <li key={v.version}>
                <div className="review-version-head">
                  <strong>Version {v.version}</strong>
                  <span>{v.by} · {formatDateTime(v.at)}</span>
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => void view(v.version)}>View</button>
                </div>
                <p className="small muted">
                  Changed: {v.changed.map((s) => REVIEW_SECTION_INFO[s]?.title ?? s).join(', ')} · SHA-256 <span className="mono">{shortHash(v.sha256)}</span> · event #{v.eventSeq}
                </p>
                {v.reopened && <p className="small">Reopened the signed-off version {v.reopened.fromVersion}: “{v.reopened.reason}”</p>}
                {signOffs.filter((s) => s.version === v.version).map((s) => (
                  <p key={s.eventSeq} className="small"><span className="badge badge-ok">Signed off</span> by {s.by}, {formatDateTime(s.at)}</p>
                ))}
              </li>
            ))}
          </ol>
        )}
        {versions.length < total && <button type="button" className="btn btn-ghost btn-sm" onClick={() => void more()}>Show older versions</button>}
      </div>
      {viewing && (
        <Modal title={`Version ${viewing.version} of ${viewing.versions}`} onClose={() => setViewing(null)} size="lg">
          <p className="muted small">Saved by {viewing.updatedBy}, {formatDateTime(viewing.updatedAt)}. As it was then; read only.</p>
          {REVIEW_SECTIONS.map((s) => (
            <ReviewSectionEditor key={s} idPrefix="old-review" section={s} text={viewing.sections[s]} saved={viewing.sections[s]} canWrite={false} theirs={null} onChange={() => undefined} onResolved={() => undefined} />
          ))}
        </Modal>
      )}
    </section>
  );
}
