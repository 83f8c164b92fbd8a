import { useEffect, useRef, useState } from 'react';
import {
  REVIEW_SECTIONS, type Review, type ReviewSection, type ReviewSections, type TimelineEvent,
} from '../../../contract';
import { useApiResource } from '../../hooks/useApiResource';
import { useClient } from '../../hooks/useClient';
import { usePush } from '../../hooks/usePush';
import { useCan } from '../../hooks/useSession';
import { useToasts } from '../../hooks/useToasts';
import { mergeReview } from '../../lib/mergeReview';
import { ErrorBanner } from '../common/ErrorBanner';
import { Spinner } from '../common/Spinner';
import { KeyEventsCard } from './KeyEventsCard';
import { ReviewHistoryCard } from './ReviewHistoryCard';
import { ReviewSectionEditor } from './ReviewSectionEditor';
import { ReviewStatusLine } from './ReviewStatusLine';
import { SignOffDialog } from './SignOffDialog';

/** Why the editor holds a merge: someone saved while this writer was writing. */
interface Meanwhile {
  message: string;
  theirs: Review;
  /** Sections both changed: theirs is shown beside the writer's text until they choose. */
  clashing: ReviewSection[];
}

const changedSections = (drafts: ReviewSections, base: ReviewSections): ReviewSection[] => REVIEW_SECTIONS.filter((s) => drafts[s] !== base[s]);

/**
 * The incident's post-incident review: nine Markdown sections, saved as versions. The editor keeps
 * what the writer typed through every refusal: a stale save (someone saved meanwhile) merges their
 * version in (untouched sections take it; where both wrote, both are shown), a signed-off review
 * asks why before a save reopens it.
 */
export function ReviewTab({ incidentRef, keyEvents }: { incidentRef: string; keyEvents: TimelineEvent[] | null }) {
  const client = useClient();
  const toasts = useToasts();
  const canWrite = useCan('review:write');
  const canSignOff = useCan('review:signoff');
  const review = useApiResource(() => client.call('reviews.get', { ref: incidentRef }), [client, incidentRef]);
  const [base, setBase] = useState<Review | null>(null);
  const [drafts, setDrafts] = useState<ReviewSections | null>(null);
  const [meanwhile, setMeanwhile] = useState<Meanwhile | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<{ message: string; issues?: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [signing, setSigning] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  const dirty = base && drafts ? changedSections(drafts, base.sections) : [];

  /** Takes a newer version as the base, keeping every word the writer typed (lib/mergeReview). */
  const adopt = (next: Review, message: string | null): void => {
    setHistoryKey((k) => k + 1);
    const current = draftsRef.current;
    if (!base || !current || changedSections(current, base.sections).length === 0) {
      setBase(next);
      setDrafts(next.sections);
      setMeanwhile(null);
      return;
    }
    const merge = mergeReview(base.sections, current, next.sections);
    setBase(next);
    setDrafts(merge.merged);
    if (message !== null || merge.clashing.length > 0 || merge.taken.length > 0) {
      setMeanwhile({ message: message ?? `${next.updatedBy ?? 'Someone'} saved version ${next.version} while you were writing.`, theirs: next, clashing: merge.clashing });
    }
  };

  // The first answer starts the editor; later ones (another window, another person) are merged in.
  useEffect(() => {
    if (!review.data) return;
    if (!base) {
      setBase(review.data);
      setDrafts(review.data.sections);
    } else if (review.data.version !== base.version || review.data.status !== base.status) {
      adopt(review.data, null);
    }
    // `adopt` reads the latest drafts through a ref; only a new answer should run this.
  }, [review.data]);

  usePush('timeline.appended', (event) => {
    if (event.incidentRef === incidentRef && event.type.startsWith('review.')) void review.reload();
  });

  const save = async (): Promise<void> => {
    if (!base || !drafts || dirty.length === 0) return;
    setSaving(true);
    setError(null);
    const sections = Object.fromEntries(dirty.map((s) => [s, drafts[s]])) as Partial<ReviewSections>;
    const result = await client.call('reviews.save', {
      ref: incidentRef, baseVersion: base.version, sections, ...(base.status === 'final' ? { reason: reason.trim() } : {}),
    });
    setSaving(false);
    if (result.ok) {
      setBase(result.value);
      setDrafts(result.value.sections);
      setMeanwhile(null);
      setReason('');
      setHistoryKey((k) => k + 1);
      toasts.show('success', `Saved version ${result.value.version} of the review`, base.status === 'final' ? 'The review was final: it is a draft again until it is signed off.' : undefined);
      return;
    }
    if (result.error.code === 'CONFLICT') {
      const latest = await client.call('reviews.get', { ref: incidentRef });
      if (latest.ok) adopt(latest.value, `${result.error.message}.`);
      else setError({ message: result.error.message });
      return;
    }
    setError({ message: result.error.message, ...(result.error.issues ? { issues: result.error.issues } : {}) });
  };

  if (review.error && !review.data) return <ErrorBanner>{review.error.message}</ErrorBanner>;
  if (!base || !drafts) return <Spinner label="Loading the review" />;

  const needsReason = base.status === 'final' && dirty.length > 0;
  return (
    <div className="review-tab">
      <section className="card" aria-labelledby="review-title">
        <div className="card-header">
          <h2 id="review-title">Post-incident review</h2>
          {canSignOff && (
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              onClick={() => setSigning(true)}
              disabled={base.version === 0 || base.status === 'final' || dirty.length > 0}
              title={base.version === 0 ? 'Nothing saved yet' : base.status === 'final' ? 'This version is signed off' : dirty.length > 0 ? 'Save or discard your changes first' : undefined}
            >
              Sign off…
            </button>
          )}
        </div>
        <div className="card-body review-body">
          <ReviewStatusLine review={base} />
          {meanwhile && (
            <ErrorBanner tone="warning">
              <p>{meanwhile.message} Your text is kept.</p>
              <p className="small">
                {meanwhile.clashing.length > 0
                  ? `You and ${meanwhile.theirs.updatedBy ?? 'they'} both changed ${meanwhile.clashing.length === 1 ? 'one section' : `${meanwhile.clashing.length} sections`}: their text is shown under yours — take it or keep yours, then save as version ${meanwhile.theirs.version + 1}.`
                  : `Sections you had not touched now show version ${meanwhile.theirs.version}; save to add yours on top.`}
              </p>
            </ErrorBanner>
          )}
          {REVIEW_SECTIONS.map((s) => (
            <ReviewSectionEditor
              key={s}
              section={s}
              text={drafts[s]}
              saved={base.sections[s]}
              canWrite={canWrite}
              theirs={meanwhile?.clashing.includes(s) ? { text: meanwhile.theirs.sections[s], by: meanwhile.theirs.updatedBy ?? '?', version: meanwhile.theirs.version } : null}
              onChange={(text) => setDrafts((d) => (d ? { ...d, [s]: text } : d))}
              onResolved={() => setMeanwhile((m) => (m ? { ...m, clashing: m.clashing.filter((x) => x !== s) } : m))}
            />
          ))}
          {error && (
            <ErrorBanner>
              {error.message}
              {error.issues && error.issues.length > 1 && <ul>{error.issues.map((i) => <li key={i}>{i}</li>)}</ul>}
            </ErrorBanner>
          )}
        </div>
        {canWrite && (
          <div className="card-footer review-footer">
            {needsReason && (
              <div className="field review-reason">
                <label htmlFor="review-reason">Why change the signed-off review?</label>
                <textarea id="review-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} aria-describedby="review-reason-hint" />
                <p className="field-hint" id="review-reason-hint">Saving reopens it: it is a draft again until it is signed off, and the reason is recorded.</p>
              </div>
            )}
            <span className="muted small review-dirty" aria-live="polite">
              {dirty.length === 0 ? 'No unsaved changes' : `${dirty.length} unsaved ${dirty.length === 1 ? 'section' : 'sections'}`}
            </span>
            <button type="button" className="btn btn-secondary" disabled={dirty.length === 0 || saving} onClick={() => {
              setDrafts(base.sections);
              setMeanwhile(null);
              setError(null);
            }}>
              Discard changes
            </button>
            <button type="button" className="btn btn-primary" disabled={dirty.length === 0 || saving || (needsReason && reason.trim().length < 3)} onClick={() => void save()}>
              {saving ? 'Saving…' : `Save version ${base.version + 1}`}
            </button>
          </div>
        )}
      </section>
      <KeyEventsCard events={keyEvents} />
      <ReviewHistoryCard incidentRef={incidentRef} reloadKey={historyKey} />
      {signing && (
        <SignOffDialog
          review={base}
          onCancel={() => setSigning(false)}
          onSigned={(next) => {
            setSigning(false);
            setBase(next);
            setDrafts(next.sections);
            setHistoryKey((k) => k + 1);
            toasts.show('success', `Version ${next.version} of the review is final`, 'Signed off; a later change reopens it.');
          }}
        />
      )}
    </div>
  );
}
